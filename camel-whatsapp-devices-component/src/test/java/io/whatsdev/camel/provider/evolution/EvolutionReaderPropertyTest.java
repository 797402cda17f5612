package io.whatsdev.camel.provider.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.fuzz.ReaderHarness;
import io.whatsdev.camel.model.Device;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fuzz target's property ({@link EvolutionReaderFuzzTest}), checked deterministically in every build: every
 * documented answer (the contract fixtures of every gateway, Evolution's among them), each mangled in a few ways, served
 * with every interesting status to every operation of evolution, ends in a result or a {@link WhatsDevException}, and a
 * device list never holds a device without an id or an id twice.
 */
class EvolutionReaderPropertyTest {

    static List<byte[]> bodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] fixture : fixtures()) {
            String s = new String(fixture, StandardCharsets.UTF_8);
            bodies.add(fixture);
            bodies.add(s.substring(0, s.length() / 2).getBytes(StandardCharsets.UTF_8)); // cut short
            bodies.add(s.replace("\"", "'").getBytes(StandardCharsets.UTF_8)); // not JSON any more
            bodies.add(s.replaceAll(":\\s*\"[^\"]*\"", ": 12").getBytes(StandardCharsets.UTF_8)); // strings become numbers
            bodies.add(s.replaceAll(":\\s*[0-9]+", ": \"x\"").getBytes(StandardCharsets.UTF_8)); // numbers become strings
            bodies.add(s.replaceAll(":\\s*\\[", ": {\"a\":[").replaceAll("\\]", "]}").getBytes(StandardCharsets.UTF_8)); // arrays wrapped
            bodies.add(s.replaceAll(":\\s*\\{", ": [{").replaceAll("\\}", "}]").getBytes(StandardCharsets.UTF_8)); // objects wrapped
            bodies.add(s.replace(": null", ": {}").getBytes(StandardCharsets.UTF_8)); // nulls become objects
            bodies.add(("[" + s + "]").getBytes(StandardCharsets.UTF_8));
        }
        for (String s : List.of("", " ", "null", "true", "0", "\"\"", "[]", "{}", "[null]", "[[]]", "[{}]", "\uFEFF{}",
                "<html></html>", "{\"instance\":null}", "{\"instance\":{}}", "{\"instance\":{\"instanceName\":\"dev1\"}}",
                "{\"instance\":{\"instanceName\":\"dev1\",\"state\":\"connecting\"}}", "{\"count\":-1}", "{\"count\":\"x\"}",
                "{\"base64\":\"\"}", "{\"pairingCode\":\"\"}", "{\"error\":\"true\"}", "{\"error\":true}",
                "{\"status\":404,\"response\":null}", "{\"status\":\"SUCCESS\",\"response\":\"x\"}",
                "[{\"name\":\"dev1\",\"connectionStatus\":\"open\"},{\"name\":\"dev1\",\"connectionStatus\":\"open\"}]")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static List<byte[]> fixtures() {
        try {
            Path root = Path.of(EvolutionReaderPropertyTest.class.getResource("/contract").toURI());
            try (Stream<Path> files = Files.walk(root)) {
                List<byte[]> out = new ArrayList<>();
                for (Path p : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    out.add(Files.readAllBytes(p));
                }
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyAnswerEndsInAResultOrATypedException() {
        ReaderHarness harness = new ReaderHarness(EvolutionProvider.NAME);
        int results = 0;
        int failures = 0;
        for (byte[] body : bodies()) {
            for (int status : ReaderHarness.STATUSES) {
                for (WhatsDevOperation op : harness.operations()) {
                    try {
                        check(op, harness.run(op, status, "application/json", "5", body));
                        results++;
                    } catch (WhatsDevException expected) {
                        assertNotNull(expected.getMessage());
                        failures++;
                    } catch (RuntimeException e) {
                        fail(op + " HTTP " + status + " on " + new String(body, StandardCharsets.UTF_8) + ": untyped " + e, e);
                    }
                }
            }
        }
        assertTrue(results > 0 && failures > 0, "results " + results + ", failures " + failures);
    }

    /** A result is well formed: a list holds devices with ids, each once. */
    static void check(WhatsDevOperation op, Object result) {
        assertNotNull(result, op + " gave null");
        if (result instanceof List<?> list) {
            Set<String> ids = new HashSet<>();
            for (Object o : list) {
                Device d = (Device) o;
                assertNotNull(d.getId(), "a device without an id");
                assertTrue(ids.add(d.getId()), "device " + d.getId() + " twice");
                assertNotNull(d.getStatus(), "a device without a status");
            }
        } else if (result instanceof Device d) {
            assertNotNull(d.getId(), op + ": a device without an id");
        }
    }
}
