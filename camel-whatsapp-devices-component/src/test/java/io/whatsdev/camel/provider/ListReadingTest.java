package io.whatsdev.camel.provider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.provider.whatspie.WhatspieReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device list read entry by entry as it is parsed ({@link GatewayAnswer#read(HttpTransport.Response, String,
 * GatewayAnswer.EntrySink)}, {@link ListEntries}): the same answer, the same refusals as the tree read of the whole
 * answer, whatever the envelope around the list. Every gateway's documented lists and malformed lists are read both
 * ways by {@code GatewayWireTest}; the HTTP paths, by the contract and fault suites.
 */
class ListReadingTest {

    private static GatewayAnswer read(int status, String body, String field, List<JsonNode> entries) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return GatewayAnswer.read(new HttpTransport.Response(status, "application/json", null, null, bytes.length,
                new ByteArrayInputStream(bytes)), field, entries::add);
    }

    @Test
    void theEntriesGoToTheSinkInOrderAndTheEnvelopeKeepsTheRest() throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        GatewayAnswer a = read(200, " {\"status\":200,\"data\":[{\"id\":1},{\"id\":2},null,3],\"message\":\"OK\"}", "data",
                entries);
        assertTrue(a.streamed());
        assertEquals("[{\"id\":1}, {\"id\":2}, null, 3]", entries.toString());
        assertEquals("{\"status\":200,\"data\":[],\"message\":\"OK\"}", a.json().toString());
    }

    @Test
    void anAnswerThatIsTheArrayIsReadEntryByEntry() throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        GatewayAnswer a = read(200, "[{\"name\":\"a\"},{\"name\":\"b\"}]", "", entries);
        assertTrue(a.streamed());
        assertEquals(2, entries.size());
        assertEquals("[]", a.json().toString());
    }

    @Test
    void anotherShapeIsReadWholeAndNothingReachesTheSink() throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        for (String body : new String[] {"{\"data\":{\"id\":1}}", "{\"data\":null}", "{\"other\":[1,2]}", "[1]", "\"text\""}) {
            GatewayAnswer a = read(200, body, "data", entries);
            assertFalse(a.streamed(), body);
            assertEquals(WireJson.MAPPER.readTree(body), a.json(), body);
        }
        GatewayAnswer object = read(200, "{\"data\":[1]}", "", entries);
        assertFalse(object.streamed(), "an object where the answer should be the array");
        assertEquals(List.of(), entries);
    }

    @Test
    void aFailureStatusIsReadWhole() throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        GatewayAnswer a = read(500, "{\"message\":\"boom\",\"data\":[{\"id\":1}]}", "data", entries);
        assertFalse(a.streamed());
        assertEquals(List.of(), entries);
        assertEquals("boom", a.json().path("message").asText());
    }

    @Test
    void aRepeatedNameAroundTheListIsMalformedAsInTheTreeRead() throws Exception {
        for (String body : new String[] {"{\"status\":200,\"status\":500,\"data\":[]}", "{\"data\":[],\"data\":[{\"id\":1}]}",
                "{\"data\":[{\"id\":1,\"id\":2}]}"}) {
            GatewayAnswer a = read(200, body, "data", new ArrayList<>());
            assertNull(a.json(), body);
            assertTrue(a.problem().startsWith("malformed JSON at line 1, column "), body + ": " + a.problem());
        }
    }

    @Test
    void whatFollowsTheDocumentIsMalformed() throws Exception {
        GatewayAnswer a = read(200, "{\"data\":[{\"id\":1}]} <html>", "data", new ArrayList<>());
        assertNull(a.json());
        assertTrue(a.problem().startsWith("malformed JSON"), a.problem());
        GatewayAnswer cut = read(200, "{\"data\":[{\"id\":1},", "data", new ArrayList<>());
        assertNull(cut.json());
        assertTrue(cut.problem().startsWith("malformed JSON"), cut.problem());
    }

    @Test
    void theReadLimitsHoldForEachEntry() throws Exception {
        String deep = "[".repeat(WireJson.MAX_NESTING_DEPTH + 1) + "]".repeat(WireJson.MAX_NESTING_DEPTH + 1);
        GatewayAnswer a = read(200, "{\"data\":[" + deep + "]}", "data", new ArrayList<>());
        assertNull(a.json());
        assertTrue(a.problem().startsWith("JSON beyond whatsdev's read limits"), a.problem());
    }

    @Test
    void aBadEntryOrARepeatedIdIsRefusedAsTheWholeReadRefusesIt() throws Exception {
        WireReader reader = new WhatspieReader(s -> s);
        String good = "{\"id\":1,\"phone\":\"62811\",\"paired_status\":\"PAIRED\"}";
        for (String list : new String[] {good + "," + good, good + ",{\"id\":\"x\",\"paired_status\":\"PAIRED\"}",
                good + "," + good + ",{\"id\":2}", "7"}) {
            String body = "{\"status\":200,\"message\":\"OK\",\"data\":[" + list + "]}";
            GatewayResponseException whole = assertThrows(GatewayResponseException.class,
                    () -> reader.readList(WireJson.MAPPER.readTree(body)));
            GatewayResponseException streamed = assertThrows(GatewayResponseException.class,
                    () -> GatewayWireTest.readAsItArrives(reader, body.getBytes(StandardCharsets.UTF_8)));
            assertEquals(whole.getMessage(), streamed.getMessage(), body);
        }
    }

    @Test
    void theFilterSeesEachDeviceAndKeepsWhatItReturns() throws Exception {
        WireReader reader = new WhatspieReader(s -> s);
        String body = "{\"data\":[{\"id\":1,\"phone\":\"6281\",\"paired_status\":\"PAIRED\",\"x\":1},"
                      + "{\"id\":2,\"phone\":\"6282\",\"paired_status\":\"UNPAIRED\",\"x\":2}]}";
        List<String> seen = new ArrayList<>();
        ListEntries entries = new ListEntries(reader, "list", d -> {
            seen.add(d.getId() + " " + d.getExtra());
            return "1".equals(d.getId()) ? null : d.withoutExtra();
        }, 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        GatewayAnswer a = GatewayAnswer.read(new HttpTransport.Response(200, null, null, null, -1, new ByteArrayInputStream(bytes)),
                reader.listArrayField(), entries);
        List<Device> kept = entries.devices(a);
        assertEquals(List.of("1 {x=1}", "2 {x=2}"), seen);
        assertEquals(1, kept.size());
        assertEquals("2", kept.get(0).getId());
        assertTrue(kept.get(0).getExtra().isEmpty());
        assertEquals(2, entries.size());
    }

    @Test
    void theIdTableFindsExactlyTheRepeatedIds() {
        Random random = new Random(42);
        for (int expected : new int[] {0, 10, 5000}) {
            IdSet ids = new IdSet(expected);
            Set<String> reference = new HashSet<>();
            for (int i = 0; i < 20_000; i++) {
                // short ids over a small alphabet, so that some repeat, and many share a hash's low bits
                String id = Integer.toString(random.nextInt(12_000), 36) + (random.nextBoolean() ? "" : "-x");
                assertEquals(reference.add(id), ids.add(id), id);
            }
            assertEquals(reference.size(), ids.size());
            // "Aa" and "BB" have the same hash: told apart by equals
            assertTrue(ids.add("Aa"));
            assertTrue(ids.add("BB"));
            assertFalse(ids.add("Aa"));
            assertTrue(ids.add(null), "a device without an id is not a repeat");
        }
    }
}
