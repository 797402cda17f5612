package io.whatsdev.simulator.whatsgateorg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatorCredentials;
import io.whatsdev.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * whatsgate-org's {@code events-get}: the documented envelope, the event log (lifecycle events and added ones), the
 * filters, the paging, and the switches for what the docs leave open (inclusive {@code date}, order of {@code data}).
 */
class WhatsgateOrgEventsGetTest extends SimulatorTestSupport {

    static final Gateway G = Gateway.of(WhatsgateOrgSimulation.ID);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static WhatsgateOrgApi api() {
        return sim.api(G, WhatsgateOrgApi.class);
    }

    @AfterEach
    void defaults() {
        // switches survive reset(): put them back for the next test
        api().eventsDateInclusive(false).eventsOrder("OLDEST_FIRST");
    }

    private static JsonNode eventsGet(String body) {
        JsonNode answer = WhatsgateOrgApiTest.command("events-get", body).json(200);
        assertEquals("OK", answer.get("result").asText(), answer::toString);
        return answer;
    }

    private static List<Long> ids(JsonNode answer) {
        List<Long> ids = new ArrayList<>();
        answer.get("data").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    @Test
    void lifecycleEventsAreLoggedInTheCallbacksShape() {
        SimDevice d = sim.createDevice(G, "1922222222222", "Vasya").phone("79999999999"); // no callback URL
        d.scan();
        d.delete();
        JsonNode answer = eventsGet("{}");
        assertEquals(List.of("result", "pages", "elements", "page", "data"), fields(answer));
        assertEquals(1, answer.get("pages").asInt());
        assertEquals(2, answer.get("elements").asInt());
        assertEquals(1, answer.get("page").asInt());
        JsonNode ready = answer.get("data").get(0);
        assertEquals(List.of("id", "whatsapp_id", "event_action", "event_date", "status_code", "event_data"), fields(ready));
        assertEquals(1, ready.get("id").asLong());
        assertEquals("1922222222222", ready.get("whatsapp_id").asText());
        assertEquals("ready", ready.get("event_action").asText());
        assertTrue(ready.get("event_date").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), ready.toString());
        assertTrue(ready.get("status_code").isNull());
        assertEquals("79999999999", ready.get("event_data").get("number").asText());
        JsonNode disconnect = answer.get("data").get(1);
        assertEquals("disconnect", disconnect.get("event_action").asText());
        assertTrue(disconnect.get("event_data").isNull());
        assertEquals(2, api().loggedEvents().size());
    }

    @Test
    void addedEventsAndTheFilters() {
        long a = api().addEvent("1000000000001", "message", T0);
        long b = api().addEvent("1000000000002", "ack", T0.plusSeconds(1));
        long c = api().addEvent("1000000000001", "ready", T0.plusSeconds(2));
        assertEquals(List.of(1L, 2L, 3L), List.of(a, b, c));
        assertEquals(List.of(1L, 3L), ids(eventsGet("{\"WhatsappID\":\"1000000000001\"}")));
        assertEquals(List.of(2L), ids(eventsGet("{\"action\":\"ack\"}")));
        assertEquals(List.of(), ids(eventsGet("{\"WhatsappID\":\"100000000000\"}")), "WhatsappID is exact");
        // date: only later events, unless eventsDateInclusive
        assertEquals(List.of(3L), ids(eventsGet("{\"date\":\"2026-12-01 10:00:01\"}")));
        api().eventsDateInclusive(true);
        assertEquals(List.of(2L, 3L), ids(eventsGet("{\"date\":\"2026-12-01 10:00:01\"}")));
        assertEquals("2026-12-01 10:00:00", eventsGet("{}").get("data").get(0).get("event_date").asText(), "UTC");
    }

    @Test
    void pagesOfPageCntDefaultTenAtMostAHundred() {
        for (int i = 0; i < 25; i++) {
            api().addEvent("1000000000001", "message", T0.plusSeconds(i));
        }
        JsonNode first = eventsGet("{}");
        assertEquals(10, first.get("data").size());
        assertEquals(3, first.get("pages").asInt());
        assertEquals(25, first.get("elements").asInt());
        JsonNode last = eventsGet("{\"page_cnt\":\"10\",\"page\":\"3\"}"); // strings, as in the docs' example
        assertEquals(List.of(21L, 22L, 23L, 24L, 25L), ids(last));
        assertEquals(3, last.get("page").asInt());
        assertEquals(0, eventsGet("{\"page\":4}").get("data").size());
        assertEquals(25, eventsGet("{\"page_cnt\":100}").get("data").size());
        assertEquals("{\"result\":\"ERROR\",\"message\":\"page_cnt must be a number from 1 to 100\"}",
                WhatsgateOrgApiTest.command("events-get", "{\"page_cnt\":101}").json(400).toString());
        assertEquals(400, WhatsgateOrgApiTest.command("events-get", "{\"page_cnt\":\"ten\"}").status());
        assertEquals(400, WhatsgateOrgApiTest.command("events-get", "{\"page\":0}").status());
        assertEquals("{\"result\":\"ERROR\",\"message\":\"date must be YYYY-MM-DD HH:MM:SS\"}",
                WhatsgateOrgApiTest.command("events-get", "{\"date\":\"yesterday\"}").json(400).toString());
    }

    @Test
    void noEventsIsZeroPages() {
        JsonNode answer = eventsGet("{}");
        assertEquals(0, answer.get("pages").asInt());
        assertEquals(0, answer.get("elements").asInt());
        assertEquals(0, answer.get("data").size());
    }

    @Test
    void newestFirstOnDemand() {
        api().addEvent("1000000000001", "message", T0.plusSeconds(5));
        api().addEvent("1000000000001", "message", T0);
        api().addEvent("1000000000001", "message", T0);
        assertEquals(List.of(2L, 3L, 1L), ids(eventsGet("{}")), "by date, then id");
        sim.setting(G, "eventsOrder", "NEWEST_FIRST");
        assertEquals(List.of(1L, 3L, 2L), ids(eventsGet("{}")));
        assertEquals("NEWEST_FIRST", sim.settings(G).get("eventsOrder"));
        assertThrows(IllegalArgumentException.class, () -> sim.setting(G, "eventsOrder", "RANDOM"));
        assertThrows(IllegalArgumentException.class, () -> sim.setting(G, "eventsDateInclusive", "maybe"));
    }

    @Test
    void sameAuthAndErrorsAsTheOtherCommands() {
        assertEquals("Unauthorized", post(base(G) + "/events-get", "{}", "X-Api-Key", "wrong").json(500).get("name").asText());
        assertEquals(405, get(base(G) + "/events-get", "X-Api-Key", SimulatorCredentials.API_KEY).status());
    }

    @Test
    void resetClearsTheLogAndKeepsTheSwitches() {
        api().eventsDateInclusive(true);
        api().addEvent("1000000000001", "message", T0);
        sim.reset();
        assertEquals(0, eventsGet("{}").get("elements").asInt());
        assertEquals(1, api().addEvent("1000000000001", "message", T0), "ids start again");
        assertEquals("true", sim.settings(G).get("eventsDateInclusive"));
    }
}
