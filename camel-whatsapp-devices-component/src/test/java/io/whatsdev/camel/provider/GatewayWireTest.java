package io.whatsdev.camel.provider;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each registered gateway's failure decoder and reader on its documented answers, without HTTP. The table of each
 * gateway is {@code contract/<gateway>/wire-cases.json} next to its fixtures:
 * <ul>
 * <li>{@code failures}: a fixture and HTTP status; {@code success: true}, or the {@code kind} of failure (which picks the
 * exception; {@code BY_STATUS}: the one the HTTP status means) and the gateway's own {@code message};</li>
 * <li>{@code devices}: a fixture read as {@code list} (the expected devices) or as one device ({@code get},
 * {@code status}, {@code create}), each expected device by {@code id}, {@code status} and {@code rawStatus} (and
 * {@code name}, {@code phone} where given);</li>
 * <li>{@code malformed}: an inline {@code body} read as {@code read}, which must be refused with a
 * {@link GatewayResponseException} whose message contains {@code problem};</li>
 * <li>{@code statuses}: a body {@code template} with {@code ${raw}} where the status word goes, read as {@code read}
 * (with {@code deviceId} where the answer names no device); every word of the gateway's status table, put in it, must
 * come out as the table says with the word kept as {@code rawStatus}. A table key that is not a word on the wire (a
 * refinement such as whatspie's {@code UNPAIRED (no phone yet)}) has its own {@code body}, {@code rawStatus} and, where
 * another answer carries it, {@code read} in {@code overrides}.</li>
 * </ul>
 * A case may give the {@code deviceId} the call named, for an answer that does not name its device (whatsgate-net's
 * status word) or to read an answer as the named device (witime's instance); see
 * {@link WireReader#readDevice(JsonNode, String, String)}.
 * The list of gateways is the registered one: a gateway added without its table fails here. The HTTP replay of the same
 * fixtures is each gateway's contract test.
 */
class GatewayWireTest {

    private static final UnaryOperator<String> NO_SECRETS = UnaryOperator.identity();

    static Stream<String> gateways() {
        return GatewayProviders.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateways")
    void everyGatewayHasItsTable(String gateway) throws Exception {
        JsonNode cases = cases(gateway);
        assertTrue(cases.path("failures").size() > 0, gateway + ": wire-cases.json lists no failure cases");
        assertTrue(cases.path("devices").size() > 0, gateway + ": wire-cases.json lists no device cases");
    }

    static Stream<Arguments> failureCases() throws Exception {
        List<Arguments> all = new ArrayList<>();
        for (String g : GatewayProviders.all().keySet()) {
            for (JsonNode c : cases(g).path("failures")) {
                all.add(Arguments.of(g, c.path("fixture").asText(), c.path("http").asInt(), c));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} (HTTP {2})")
    @MethodSource("failureCases")
    void decodes(String gateway, String fixture, int httpStatus, JsonNode expected) throws Exception {
        Failure f = GatewayProviders.lookup(gateway).failureDecoder().decode(httpStatus, fixture(gateway, fixture));
        if (expected.path("success").asBoolean()) {
            assertNull(f, "a success");
            return;
        }
        assertNotNull(f, "a failure");
        String kind = expected.path("kind").asText();
        assertEquals("BY_STATUS".equals(kind) ? null : GatewayClient.Kind.valueOf(kind), f.kind(), "kind");
        assertEquals(expected.path("message").asText(null), f.message());
    }

    static Stream<Arguments> deviceCases() throws Exception {
        List<Arguments> all = new ArrayList<>();
        for (String g : GatewayProviders.all().keySet()) {
            for (JsonNode c : cases(g).path("devices")) {
                all.add(Arguments.of(g, c.path("fixture").asText(), c.path("read").asText(), c.path("deviceId").asText(null),
                        c.path("expect")));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2} (device {3})")
    @MethodSource("deviceCases")
    void reads(String gateway, String fixture, String read, String deviceId, JsonNode expected) throws Exception {
        WireReader reader = GatewayProviders.lookup(gateway).reader(NO_SECRETS);
        JsonNode answer = fixture(gateway, fixture);
        if ("list".equals(read)) {
            List<Device> devices = reader.readList(answer);
            assertEquals(expected.size(), devices.size(), "devices in the list");
            for (int i = 0; i < devices.size(); i++) {
                check(gateway, expected.get(i), devices.get(i));
            }
            // read entry by entry off the stream, as a poll reads it: the same devices, extra maps included
            assertEquals(devices, readAsItArrives(reader, fixtureBytes(gateway, fixture)), "read entry by entry");
        } else {
            check(gateway, expected, reader.readDevice(answer, read, deviceId));
        }
    }

    static Stream<Arguments> malformedCases() throws Exception {
        List<Arguments> all = new ArrayList<>();
        for (String g : GatewayProviders.all().keySet()) {
            for (JsonNode c : cases(g).path("malformed")) {
                all.add(Arguments.of(g, c.path("read").asText(), c.path("body"), c.path("problem").asText(),
                        c.path("deviceId").asText(null)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("malformedCases")
    void refusesWhatItCannotRead(String gateway, String read, JsonNode body, String problem, String deviceId) {
        WireReader reader = GatewayProviders.lookup(gateway).reader(NO_SECRETS);
        GatewayResponseException e = assertThrows(GatewayResponseException.class,
                () -> {
                    if ("list".equals(read)) {
                        reader.readList(body);
                    } else {
                        reader.readDevice(body, read, deviceId);
                    }
                });
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(gateway, e.getProvider());
        if ("list".equals(read)) {
            GatewayResponseException streamed = assertThrows(GatewayResponseException.class,
                    () -> readAsItArrives(reader, WireJson.MAPPER.writeValueAsBytes(body)), "read entry by entry");
            assertEquals(e.getMessage(), streamed.getMessage(), "the same refusal, read entry by entry");
        }
    }

    /**
     * A list answer as a poll reads it: entry by entry as it is parsed, where the gateway's reader says where the array
     * is, else whole; an answer that is not JSON fails as the client would say.
     */
    static List<Device> readAsItArrives(WireReader reader, byte[] body) throws Exception {
        String field = reader.listArrayField();
        HttpTransport.Response r = new HttpTransport.Response(200, "application/json", null, null, body.length,
                new java.io.ByteArrayInputStream(body));
        if (field == null) {
            return reader.readList(GatewayAnswer.read(r).json());
        }
        ListEntries entries = new ListEntries(reader, "list", null, 0);
        GatewayAnswer answer = GatewayAnswer.read(r, field, entries);
        assertNotNull(answer.json(), () -> "not read: " + answer.problem());
        return entries.devices(answer);
    }

    static Stream<Arguments> statusWords() throws Exception {
        List<Arguments> all = new ArrayList<>();
        for (GatewayProvider p : GatewayProviders.all().values()) {
            p.statusMapping().forEach((word, status) -> all.add(Arguments.of(p.name(), word, status.name())));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("statusWords")
    void everyStatusWordIsReadAsTheTableSays(String gateway, String word, String expected) throws Exception {
        JsonNode statuses = cases(gateway).path("statuses");
        assertTrue(statuses.has("template"), gateway + ": wire-cases.json has no statuses.template");
        JsonNode override = statuses.path("overrides").path(word);
        String body = override.has("body") ? override.path("body").asText()
                : statuses.path("template").asText().replace("${raw}", word);
        String rawStatus = override.has("rawStatus") ? override.path("rawStatus").asText() : word;
        WireReader reader = GatewayProviders.lookup(gateway).reader(NO_SECRETS);
        JsonNode answer = WireJson.MAPPER.readTree(body);
        String read = override.path("read").asText(statuses.path("read").asText());
        Device d = "list".equals(read) ? reader.readList(answer).get(0)
                : reader.readDevice(answer, read, statuses.path("deviceId").asText(null));
        assertEquals(expected, d.getStatus().name(), gateway + " " + word);
        assertEquals(rawStatus, d.getRawStatus(), gateway + " " + word + ": the raw word is kept");
    }

    @Test
    void theReaderHoldsTheStatusTable() {
        for (GatewayProvider p : GatewayProviders.all().values()) {
            assertEquals(p.statusMapping(), p.reader(NO_SECRETS).statuses(), p.name());
        }
    }

    private static void check(String gateway, JsonNode expected, Device d) {
        String where = gateway + " device " + expected.path("id").asText();
        assertEquals(expected.path("id").asText(), d.getId(), where + ": id");
        assertEquals(gateway, d.getProvider(), where + ": gateway");
        assertEquals(expected.path("status").asText(), d.getStatus().name(), where + ": status");
        if (expected.has("rawStatus")) {
            assertEquals(expected.path("rawStatus").asText(null), d.getRawStatus(), where + ": rawStatus");
        }
        if (expected.has("name")) {
            assertEquals(expected.path("name").asText(null), d.getName(), where + ": name");
        }
        if (expected.has("phone")) {
            assertEquals(expected.path("phone").asText(null), d.getPhone(), where + ": phone");
        }
    }

    private static JsonNode cases(String gateway) throws Exception {
        return fixture(gateway, "wire-cases.json");
    }

    private static byte[] fixtureBytes(String gateway, String name) throws Exception {
        String path = "/contract/" + gateway + "/" + name;
        try (InputStream in = GatewayWireTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path + " is missing");
            return in.readAllBytes();
        }
    }

    private static JsonNode fixture(String gateway, String name) throws Exception {
        String path = "/contract/" + gateway + "/" + name;
        try (InputStream in = GatewayWireTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path + " is missing");
            return WireJson.MAPPER.readTree(in);
        }
    }
}
