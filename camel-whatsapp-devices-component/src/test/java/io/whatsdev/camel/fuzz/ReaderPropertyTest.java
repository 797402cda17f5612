package io.whatsdev.camel.fuzz;

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
import io.whatsdev.camel.model.Device;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fuzz targets' property, checked deterministically in every build: every documented answer of every gateway (the
 * contract fixtures), each mangled in a few ways, and each gateway's own hostile shapes
 * ({@code contract/<gateway>/hostile-bodies.json}), served with every interesting status and content type to every
 * operation of every gateway, ends in a result or a {@link WhatsDevException}, and a device list never holds a device without an id or an
 * id twice.
 */
class ReaderPropertyTest {

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
        // a gateway's own hostile shapes: contract/<gateway>/hostile-bodies.json, an array of bodies as strings
        for (String s : hostileBodies()) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(io.whatsdev.camel.QrTestSupport.png("property")); // an image where JSON is expected, or a QR as its bytes
        for (String s : List.of("", " ", "null", "true", "0", "\"\"", "[]", "{}", "{\"data\":null}", "{\"data\":[null]}",
                "{\"data\":[[]]}", "{\"data\":[{}]}", "\uFEFF{}", "<html></html>", "{\"status\":0,\"error\":\"\"}")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static List<String> hostileBodies() {
        List<String> out = new ArrayList<>();
        try {
            Path root = Path.of(ReaderPropertyTest.class.getResource("/contract").toURI());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(p -> p.getFileName().toString().equals("hostile-bodies.json")).sorted().toList()) {
                    for (com.fasterxml.jackson.databind.JsonNode b : io.whatsdev.camel.provider.WireJson.MAPPER.readTree(p.toFile())) {
                        out.add(b.asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static List<byte[]> fixtures() {
        try {
            Path root = Path.of(ReaderPropertyTest.class.getResource("/contract").toURI());
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

    /** Every registered gateway. */
    static Stream<String> gateways() {
        return io.whatsdev.camel.provider.GatewayProviders.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("gateways")
    void everyAnswerEndsInAResultOrATypedException(String gateway) {
        ReaderHarness harness = new ReaderHarness(gateway);
        int results = 0;
        int failures = 0;
        for (byte[] body : bodies()) {
            for (int status : ReaderHarness.STATUSES) {
                for (WhatsDevOperation op : harness.operations()) {
                    try {
                        // every content type on a success (where a QR image may come), JSON on the others
                        for (String contentType : status == 200 ? ReaderFuzzing.CONTENT_TYPES : List.of("application/json")) {
                            try {
                                check(op, harness.run(op, status, contentType, "5", body));
                                results++;
                            } catch (WhatsDevException expected) {
                                assertNotNull(expected.getMessage());
                                failures++;
                            }
                        }
                    } catch (RuntimeException e) {
                        fail(gateway + " " + op + " HTTP " + status + " on " + new String(body, StandardCharsets.UTF_8)
                             + ": untyped " + e, e);
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
        }
    }
}
