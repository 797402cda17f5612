package io.whatsdev.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator guide's {@code curl} commands, run in order against a simulator, as curl would send them (a machine with
 * only Java and Maven has no curl, so the commands are read the way curl reads them: {@code -X}, {@code -H}, {@code -d};
 * {@code -d} without a Content-Type sends a form, which the simulator refuses). Each must succeed.
 */
class SimulatorGuideCommandsTest {

    private static final Path GUIDE = Path.of("../docs/modules/ROOT/pages/simulator.adoc");

    record Curl(String method, String url, Map<String, String> headers, String body) {
    }

    @Test
    void everyCurlCommandOfTheGuideSucceeds() throws Exception {
        List<Curl> commands = commands(Files.readAllLines(GUIDE));
        assertTrue(commands.size() >= 8, "the guide's curl commands were not found: " + commands);
        HttpClient http = HttpClient.newHttpClient();
        try (GatewaySimulator sim = GatewaySimulator.start(0)) {
            String base = "http://127.0.0.1:" + sim.port();
            for (Curl c : commands) {
                String url = c.url().replaceFirst("^(http://)?localhost:8099", base);
                HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).method(c.method(),
                        c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
                c.headers().forEach(rb::header);
                HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, c + " answered " + r.statusCode() + ": " + r.body());
            }
            assertEquals(0, sim.devices(Gateway.of("whatspie")).size(), "the last command resets the simulator");
        }
    }

    /** The curl lines of the guide, parsed as a shell and curl would. */
    static List<Curl> commands(List<String> lines) {
        List<Curl> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("curl ")) {
                out.add(parse(words(line.replaceAll("\\s+#.*$", ""))));
            }
        }
        return out;
    }

    private static Curl parse(List<String> w) {
        String method = null;
        String url = null;
        String body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < w.size(); i++) {
            String a = w.get(i);
            if (a.startsWith("-X")) {
                method = a.length() > 2 ? a.substring(2) : w.get(++i);
            } else if (a.equals("-H")) {
                String h = w.get(++i);
                headers.put(h.substring(0, h.indexOf(':')).trim(), h.substring(h.indexOf(':') + 1).trim());
            } else if (a.equals("-d")) {
                body = w.get(++i);
            } else if (!a.startsWith("-")) {
                url = a.startsWith("http") ? a : "http://" + a;
            }
        }
        if (body != null) {
            headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded"); // what curl sends with -d
        }
        return new Curl(method != null ? method : body != null ? "POST" : "GET", url, headers, body);
    }

    /** Shell words: spaces separate, single quotes group. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }
}
