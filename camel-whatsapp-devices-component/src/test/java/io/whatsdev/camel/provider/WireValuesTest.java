package io.whatsdev.camel.provider;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.provider.whatspie.WhatspieReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reader's fast paths give what the general ones gave: {@link WireReader#plain} what Jackson's
 * {@code convertValue(node, Object.class)} gives, on every node of every fixture; {@link WireReader#instant} what
 * {@code Instant.parse}, then {@code OffsetDateTime.parse}, give, on edge cases and random variations of a timestamp;
 * and a device's extra map, made on first read, what the field-by-field conversion made.
 */
class WireValuesTest {

    static Stream<Path> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(WireValuesTest.class.getResource("/contract").toURI());
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(all::add);
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void plainIsJacksonsConversionOnEveryNode(Path fixture) throws IOException {
        JsonNode root = WireJson.MAPPER.readTree(Files.readAllBytes(fixture));
        eachNode(root, node -> {
            Object expected = node.isNull() ? null : WireJson.MAPPER.convertValue(node, Object.class);
            Object actual = WireReader.plain(node);
            assertEquals(expected, actual, node::toString);
            assertEquals(String.valueOf(expected), String.valueOf(actual), "the same order and number types");
            assertEquals(classes(expected), classes(actual), node::toString);
        });
    }

    @Test
    void plainIsJacksonsConversionOnEveryKindOfValue() throws IOException {
        String json = "{\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":1.5,\"e\":-2.5e-300,"
                      + "\"t\":true,\"f\":false,\"n\":null,\"s\":\"x\\u00e9\",\"a\":[1,null,[],{},\"y\",2.0],"
                      + "\"o\":{\"n\":null,\"deep\":{\"deeper\":[{\"k\":0}]}}}";
        JsonNode root = WireJson.MAPPER.readTree(json);
        eachNode(root, node -> assertEquals(classes(WireJson.MAPPER.convertValue(node, Object.class)),
                classes(WireReader.plain(node)), node::toString));
        assertEquals(WireJson.MAPPER.convertValue(root, Object.class), WireReader.plain(root));
    }

    @Test
    void aDevicesExtraMapIsTheFieldByFieldConversion() throws Exception {
        JsonNode answer = WireJson.MAPPER.readTree(GatewayWireTest.class.getResourceAsStream("/contract/whatspie/list-success.json"));
        ObjectNode entry = (ObjectNode) answer.get("data").get(0);
        entry.putNull("nothing");
        entry.putArray("tags").add("a").add(2).addNull();
        Device d = new WhatspieReader(s -> s).readList(answer).get(0);
        Map<String, Object> expected = new LinkedHashMap<>();
        entry.fields().forEachRemaining(e -> {
            if (!List.of("id", "phone", "name", "paired_status", "created_at", "updated_at").contains(e.getKey())
                && !e.getValue().isNull()) {
                expected.put(e.getKey(), WireJson.MAPPER.convertValue(e.getValue(), Object.class));
            }
        });
        assertEquals(expected.toString(), d.getExtra().toString());
        assertEquals(expected, d.getExtra());
        assertThrows(UnsupportedOperationException.class, () -> d.getExtra().put("x", 1));
        Device again = new WhatspieReader(s -> s).readList(answer).get(0);
        assertEquals(d, again);
        assertEquals(d.getExtra(), d.toBuilder().build().getExtra());
        assertEquals(expected, Device.builder("whatspie").id(d.getId()).extras(() -> new LinkedHashMap<>(expected)).build()
                .getExtra());
        assertEquals(List.of("x", "server"), List.copyOf(Device.builder("whatspie").extra("x", 1)
                .extras(() -> new LinkedHashMap<>(Map.of("server", 2))).build().getExtra().keySet()));
    }

    @Test
    void instantIsTheFormattersOnEdgeCases() {
        for (String t : List.of("2025-08-14T23:26:01Z", "2022-03-15T00:32:13.5Z", "2022-03-15T00:32:13.123456789Z",
                "2022-03-15T00:32:13.1234567891Z", "2022-03-15T00:32:13.Z", "2022-03-15T00:32:13", "2024-02-29T00:00:00Z",
                "2023-02-29T00:00:00Z", "2023-04-31T00:00:00Z", "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z",
                "2023-01-00T00:00:00Z", "2023-12-31T23:59:60Z", "2023-12-31T24:00:00Z", "2023-12-31T23:60:00Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "2023-12-31t23:59:59z", "2023-12-31T23:59:59+02:00", "2023-12-31T23:59:59.5-05:30", "2023-12-31 23:59:59Z",
                " 2023-12-31T23:59:59Z", "2023-12-31T23:59:59Z ", "2023-12-31T23:59:5\u0669Z", "2023-12-31T23:59:59.\u0661Z",
                "1700000000", "", "Z", "2023-1-01T00:00:00Z", "2023-12-31T23:59:59.-1Z", "2023-12-31T23:59:59.+1Z")) {
            assertEquals(formatter(t), instant(t), t);
        }
    }

    @Test
    void instantIsTheFormattersOnRandomVariations() {
        Random random = new Random(12);
        String chars = "0123456789-:.TZtz+ ";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder t = new StringBuilder(random.nextBoolean() ? "2025-08-14T23:26:01Z" : "2000-02-29T09:05:07.123Z");
            for (int k = random.nextInt(3) + 1; k > 0; k--) {
                int at = random.nextInt(t.length());
                switch (random.nextInt(3)) {
                    case 0 -> t.setCharAt(at, chars.charAt(random.nextInt(chars.length())));
                    case 1 -> t.insert(at, chars.charAt(random.nextInt(chars.length())));
                    default -> t.deleteCharAt(at);
                }
            }
            assertEquals(formatter(t.toString()), instant(t.toString()), t::toString);
        }
    }

    private static Instant instant(String text) {
        return WireReader.instant(JsonNodeFactory.instance.objectNode().put("t", text), "t");
    }

    /** What whatsdev read before it had a fast path. */
    private static Instant formatter(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static void eachNode(JsonNode node, java.util.function.Consumer<JsonNode> check) {
        check.accept(node);
        node.forEach(child -> eachNode(child, check));
    }

    /** The value with every leaf replaced by its class name, containers by theirs. */
    private static Object classes(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, x) -> c.put(k, classes(x)));
            return List.of(v.getClass().getName(), c);
        } else if (v instanceof List<?> l) {
            return List.of(v.getClass().getName(), l.stream().map(WireValuesTest::classes).toList());
        }
        return v == null ? "null" : v.getClass().getName();
    }
}
