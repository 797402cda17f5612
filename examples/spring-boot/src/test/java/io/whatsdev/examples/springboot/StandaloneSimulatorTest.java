package io.whatsdev.examples.springboot;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.whatsdev.camel.model.Device;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.Builder;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downstream case: the simulator runs as its own process (the standalone one the docs start in a terminal), and the
 * application, which only adds the starter and sets properties, watches it. Only the port differs from the defaults in
 * application.properties (8099 may be taken on a build machine).
 */
class StandaloneSimulatorTest {

    private static final Pattern STARTED = Pattern.compile("whatsdev gateway simulator on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void theApplicationWatchesASimulatorInAnotherProcess() throws Exception {
        Process simulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.whatsdev.simulator.SimulatorMain", "--port", "0", "--seed")
                .redirectErrorStream(true).start();
        try {
            String root = rootUrl(simulator);
            try (ConfigurableApplicationContext app = SpringApplication.run(DevicesApplication.class,
                    "--camel.component.whatsdev.base-url=" + root + "/whatspie",
                    "--whatsdev.components.whatsdev-wassly.base-url=" + root + "/wassly/api",
                    "--devices.poll-delay=500ms", "--server.port=0")) {
                CamelContext camel = app.getBean(CamelContext.class);
                ProducerTemplate template = camel.createProducerTemplate();
                assertEquals(List.of("2076", "5"), ids(template.requestBody("whatsdev:whatspie/devices?operation=list", null, List.class)));
                assertEquals(List.of("device_id_123"),
                        ids(template.requestBody("whatsdev-wassly:wassly/devices?operation=list", null, List.class)));

                // once the consumer has seen the device connected, its phone unlinks (through the simulator's admin API)
                EmbeddedSimulator.awaitPolls(camel, 1);
                NotifyBuilder change = new NotifyBuilder(camel).fromRoute("whatspie-devices")
                        .filter(Builder.header("CamelWhatsDevStatus").isEqualTo("DISCONNECTED")).whenDone(1).create();
                post(root + "/_admin/whatspie/devices/5/unlink");
                assertTrue(change.matches(30, TimeUnit.SECONDS), "the unlink seen by the route");
            }
        } finally {
            simulator.destroy();
            simulator.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String rootUrl(Process simulator) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "simulator-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("the simulator did not start:\n" + seen);
    }

    private static List<String> ids(List<?> devices) {
        return devices.stream().map(d -> ((Device) d).getId()).sorted().toList();
    }

    private static void post(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
