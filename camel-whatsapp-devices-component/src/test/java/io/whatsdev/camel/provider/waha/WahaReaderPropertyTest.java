package io.whatsdev.camel.provider.waha;

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

import io.whatsdev.camel.QrTestSupport;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.fuzz.ReaderHarness;
import io.whatsdev.camel.model.Device;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fuzz target's property ({@link WahaReaderFuzzTest}), checked deterministically in every build: every WAHA fixture,
 * mangled in a few ways, and a real PNG, served with every interesting status and content type to every operation of
 * the gateway, ends in a result or a {@link WhatsDevException}, and a list never holds a device without an id or an id
 * twice. (The shared ReaderPropertyTest names its gateways; this one is WAHA's.)
 */
class WahaReaderPropertyTest {

    static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8", "text/html",
            "image/png", "image/svg+xml");

    static List<byte[]> bodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] fixture : fixtures()) {
            String s = new String(fixture, StandardCharsets.UTF_8);
            bodies.add(fixture);
            bodies.add(s.substring(0, s.length() / 2).getBytes(StandardCharsets.UTF_8));
            bodies.add(s.replace("\"", "'").getBytes(StandardCharsets.UTF_8));
            bodies.add(s.replaceAll(":\\s*\"[^\"]*\"", ": 12").getBytes(StandardCharsets.UTF_8));
            bodies.add(s.replaceAll(":\\s*[0-9]+", ": \"x\"").getBytes(StandardCharsets.UTF_8));
            bodies.add(s.replaceAll(":\\s*\\[", ": {\"a\":[").replaceAll("\\]", "]}").getBytes(StandardCharsets.UTF_8));
            bodies.add(s.replace("null", "{}").getBytes(StandardCharsets.UTF_8));
            bodies.add(("[" + s + "]").getBytes(StandardCharsets.UTF_8));
        }
        for (String s : List.of("", " ", "null", "true", "0", "\"\"", "[]", "{}", "[null]", "[[]]", "[{}]", "\uFEFF[]",
                "<html></html>", "{\"mimetype\":\"image/png\"}", "{\"mimetype\":7,\"data\":\"AA==\"}", "{\"code\":\"\"}",
                "{\"value\":\"2@x\"}", "[{\"name\":\"a\",\"status\":\"FAILED\",\"statuses\":[null]}]",
                "{\"name\":\"a\",\"status\":\"FAILED\",\"statuses\":[{\"status\":7}]}",
                "{\"name\":\"a\",\"status\":\"WORKING\",\"config\":{\"webhooks\":[7]}}",
                "{\"name\":\"a\",\"status\":\"WORKING\",\"config\":{\"webhooks\":[{\"url\":\"https://hook.example/x\",\"events\":7}]}}")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(QrTestSupport.png("property"));
        return bodies;
    }

    private static List<byte[]> fixtures() {
        try {
            Path root = Path.of(WahaReaderPropertyTest.class.getResource("/contract/waha").toURI());
            try (Stream<Path> files = Files.list(root)) {
                List<byte[]> out = new ArrayList<>();
                // the spec is no answer (and far above the harness's size limit)
                for (Path p : files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("waha-openapi.json")).sorted().toList()) {
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
        ReaderHarness harness = new ReaderHarness(WahaProvider.NAME);
        int results = 0;
        int failures = 0;
        for (byte[] body : bodies()) {
            for (int status : ReaderHarness.STATUSES) {
                for (String contentType : CONTENT_TYPES) {
                    for (WhatsDevOperation op : harness.operations()) {
                        try {
                            check(op, harness.run(op, status, contentType, "5", body));
                            results++;
                        } catch (WhatsDevException expected) {
                            assertNotNull(expected.getMessage());
                            failures++;
                        } catch (RuntimeException e) {
                            fail(op + " HTTP " + status + " " + contentType + " on "
                                 + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8) + ": untyped " + e, e);
                        }
                    }
                }
            }
        }
        assertTrue(results > 0 && failures > 0, "results " + results + ", failures " + failures);
    }

    /** A result is well formed: a list holds devices with ids and statuses, each id once. */
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
        }
    }
}
