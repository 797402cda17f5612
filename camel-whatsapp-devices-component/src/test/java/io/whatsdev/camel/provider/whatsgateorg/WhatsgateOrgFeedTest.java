package io.whatsdev.camel.provider.whatsgateorg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.EventFeed.Batch;
import io.whatsdev.camel.provider.EventFeed.Entry;
import io.whatsdev.camel.provider.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * whatsgate-org's events-get feed without HTTP: the cursor (its stored form, the date asked for, what it covers), the
 * selection of new events whatever the order and reading of {@code date}, and the strict reading of an answer.
 */
class WhatsgateOrgFeedTest {

    private static final WhatsgateOrgReader WIRE = new WhatsgateOrgReader(s -> s);
    private static final Instant S = Instant.parse("2026-12-01T10:00:05Z");

    private static JsonNode json(String text) {
        try {
            return WireJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** An event object as events-get sends it. */
    private static String event(long id, String device, String action, String date) {
        return "{\"id\":" + id + ",\"whatsapp_id\":\"" + device + "\",\"event_action\":\"" + action + "\",\"event_date\":\""
               + date + "\",\"status_code\":null,\"event_data\":null}";
    }

    private static WhatsgateOrgFeed.Item item(long id, String action, Instant date) {
        String d = WhatsgateOrgFeedCursor.WIRE_DATE.format(date);
        return new WhatsgateOrgFeed.Item(String.valueOf(id), date, json(event(id, "1000000000001", action, d)));
    }

    private static List<String> ids(Batch batch) {
        return batch.events().stream().map(e -> e.event().eventId()).toList();
    }

    // ---------------------------------------------------------------- the cursor

    @Test
    void theCursorIsOneLineThatReadsBack() {
        WhatsgateOrgFeedCursor c = new WhatsgateOrgFeedCursor(S, Set.of("17")).after("a,b;c=d", S);
        assertEquals("2026-12-01T10:00:05Z;17,a%2Cb%3Bc%3Dd", c.format());
        assertEquals(c, WhatsgateOrgFeedCursor.parse(c.format()));
        assertEquals("2026-12-01T10:00:05Z;", WhatsgateOrgFeedCursor.startingAt(S.plusMillis(999)).format());
    }

    @Test
    void aCursorWhatsdevDidNotWriteIsRefusedSayingWhatToDo() {
        for (String bad : List.of("", "yesterday", "2026-12-01 10:00:05;1", "17,18")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WhatsgateOrgFeedCursor.parse(bad));
            assertTrue(e.getMessage().contains("is not one whatsdev wrote") && e.getMessage().contains("start the feed again"),
                    e.getMessage());
        }
    }

    @Test
    void itAsksForOneSecondEarlierInUtcSoThatBothReadingsOfDateReturnItsSecond() {
        assertEquals("2026-12-01 10:00:04", new WhatsgateOrgFeedCursor(S, Set.of()).requestDate());
        WhatsgateOrgFeedCursor c = new WhatsgateOrgFeedCursor(S, Set.of("5"));
        assertTrue(c.covers("4", S.minusSeconds(1)), "older than the cursor's date");
        assertTrue(c.covers("5", S), "seen at its date");
        assertTrue(!c.covers("6", S) && !c.covers("1", S.plusSeconds(1)), "new");
        assertEquals(new WhatsgateOrgFeedCursor(S, Set.of("5", "6")), c.after("6", S));
        assertEquals(new WhatsgateOrgFeedCursor(S.plusSeconds(1), Set.of("1")), c.after("1", S.plusSeconds(1)));
    }

    @Test
    void requestBodyAsTheDocsShowIt() {
        assertEquals("{WhatsappID=1000000000001, date=2026-12-01 10:00:04, page_cnt=100, page=2}",
                WhatsgateOrgFeed.request("2026-12-01 10:00:04", "1000000000001", 2).toString());
        assertEquals("{date=2026-12-01 10:00:04, page_cnt=100, page=1}", WhatsgateOrgFeed.request("2026-12-01 10:00:04", null, 1)
                .toString());
    }

    // ---------------------------------------------------------------- selection

    /** The same events in every order the gateway could send them. */
    static Stream<List<WhatsgateOrgFeed.Item>> orders() {
        List<WhatsgateOrgFeed.Item> ascending = List.of(item(4, "ready", S.minusSeconds(1)), item(5, "ready", S),
                item(9, "message", S), item(10, "disconnect", S), item(11, "ready", S.plusSeconds(1)));
        List<WhatsgateOrgFeed.Item> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        List<WhatsgateOrgFeed.Item> shuffled = List.of(ascending.get(2), ascending.get(4), ascending.get(0), ascending.get(3),
                ascending.get(1));
        return Stream.of(ascending, descending, shuffled);
    }

    @ParameterizedTest
    @MethodSource("orders")
    void newEventsInDateAndIdOrderWhateverOrderTheyCome(List<WhatsgateOrgFeed.Item> items) throws Exception {
        // the cursor stands at S, where 5 was read; 4 is older (an inclusive date returns it), 9 is a message
        Batch batch = WhatsgateOrgFeed.select(new WhatsgateOrgFeedCursor(S, Set.of("5")), items, WIRE);
        assertEquals(List.of("10", "11"), ids(batch), "ids 9 < 10 as numbers");
        Entry disconnect = batch.events().get(0);
        assertEquals(CallbackEvent.Kind.REMOVED, disconnect.event().kind());
        assertEquals(S, disconnect.event().occurredAt());
        assertEquals("2026-12-01T10:00:05Z;5,9,10", disconnect.cursor(), "past the message before it");
        assertEquals(DeviceStatus.CONNECTED, batch.events().get(1).event().status());
        assertEquals("2026-12-01T10:00:06Z;11", batch.events().get(1).cursor());
        assertEquals("2026-12-01T10:00:06Z;11", batch.cursor());
    }

    @Test
    void readingAgainFromACursorGivesNothingTwice() throws Exception {
        List<WhatsgateOrgFeed.Item> items = orders().findFirst().orElseThrow();
        WhatsgateOrgFeedCursor start = new WhatsgateOrgFeedCursor(S.minusSeconds(1), Set.of());
        Batch first = WhatsgateOrgFeed.select(start, items, WIRE);
        assertEquals(List.of("4", "5", "10", "11"), ids(first));
        // a failure at 10: the consumer keeps the cursor after 5 and reads everything again (inclusive or exclusive)
        Batch again = WhatsgateOrgFeed.select(WhatsgateOrgFeedCursor.parse(first.events().get(1).cursor()), items, WIRE);
        assertEquals(List.of("10", "11"), ids(again));
        assertEquals(List.of(), ids(WhatsgateOrgFeed.select(WhatsgateOrgFeedCursor.parse(first.cursor()), items, WIRE)));
    }

    @Test
    void onlyMessagesMoveTheCursorAndEmitNothing() throws Exception {
        Batch batch = WhatsgateOrgFeed.select(new WhatsgateOrgFeedCursor(S, Set.of()),
                List.of(item(20, "message", S.plusSeconds(3)), item(21, "ack", S.plusSeconds(3)), item(22, "create", S.plusSeconds(4))),
                WIRE);
        assertEquals(List.of(), batch.events());
        assertEquals("2026-12-01T10:00:09Z;22", batch.cursor());
    }

    @Test
    void aLifecycleEventWithABadDeviceIsAGatewayResponseException() {
        WhatsgateOrgFeed.Item bad = new WhatsgateOrgFeed.Item("7", S, json(event(7, "a/b", "ready", "2026-12-01 10:00:05")));
        GatewayResponseException e = assertThrows(GatewayResponseException.class,
                () -> WhatsgateOrgFeed.select(new WhatsgateOrgFeedCursor(S, Set.of()), List.of(bad), WIRE));
        assertTrue(e.getMessage().contains("[whatsgate-org] feed failed") && e.getMessage().contains("event 7: "), e.getMessage());
    }

    // ---------------------------------------------------------------- reading an answer

    @Test
    void theDocumentedAnswer() throws Exception {
        String answer = "{\"result\":\"OK\",\"pages\":1,\"elements\":2,\"page\":1,\"data\":[" + event(2, "1000000000001", "ready",
                "2026-12-01 10:00:06") + "," + event(1, "1000000000001", "message", "2026-12-01 10:00:05") + "]}";
        WhatsgateOrgFeed.Page page = WhatsgateOrgFeed.readPage(json(answer), 1, WIRE);
        assertEquals(1, page.pages());
        assertEquals(List.of("2", "1"), page.items().stream().map(WhatsgateOrgFeed.Item::id).toList());
        assertEquals(S, page.items().get(1).date());
        // numbers as strings, as in the request example; no page, no elements
        assertEquals(3, WhatsgateOrgFeed.readPage(json("{\"result\":\"OK\",\"pages\":\"3\",\"data\":[]}"), 2, WIRE).pages());
        assertEquals(0, WhatsgateOrgFeed.readPage(json("{\"result\":\"OK\",\"pages\":0,\"elements\":0,\"data\":[]}"), 1, WIRE)
                .pages());
    }

    static Stream<Arguments> malformed() {
        String ok = event(1, "1000000000001", "ready", "2026-12-01 10:00:05");
        return Stream.of(
                Arguments.of("[]", "the answer is an array, not an object"),
                Arguments.of("{\"pages\":1,\"data\":[]}", "the answer's result is missing, not OK"),
                Arguments.of("{\"result\":\"ERROR\",\"pages\":1,\"data\":[]}", "the answer's result is 'ERROR', not OK"),
                Arguments.of("{\"result\":\"OK\",\"data\":[]}", "'pages' is missing"),
                Arguments.of("{\"result\":\"OK\",\"pages\":\"many\",\"data\":[]}", "'pages' is not an integer but a string"),
                Arguments.of("{\"result\":\"OK\",\"pages\":-1,\"data\":[]}", "'pages' is -1"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1.5,\"data\":[]}", "'pages' is not an integer but a number"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"page\":2,\"data\":[]}", "page 1 was asked for and page 2 came"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"elements\":\"2 events\",\"data\":[]}", "'elements' is not an integer"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1}", "the answer has no 'data'"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":{\"1\":" + ok + "}}", "'data' is not an array but an object"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":[1]}", "an event of 'data' is a number, not an object"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":[{\"event_action\":\"ready\"}]}", "an event's id is null"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":[{\"id\":{},\"event_action\":\"ready\"}]}",
                        "an event's id is an object"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":[{\"id\":1,\"event_date\":\"2026-12-01 10:00:05\"}]}",
                        "event 1 has no event_action"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":[" + ok.replace("2026-12-01 10:00:05", "yesterday") + "]}",
                        "event 1 has no readable event_date"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":[" + ok.replace("\"2026-12-01 10:00:05\"", "null") + "]}",
                        "event 1 has no readable event_date"),
                Arguments.of("{\"result\":\"OK\",\"pages\":0,\"data\":[" + ok + "]}", "'pages' is 0 but page 1 holds events"),
                Arguments.of("{\"result\":\"OK\",\"pages\":1,\"data\":[" + String.join(",", java.util.Collections.nCopies(
                        WhatsgateOrgFeed.PAGE_SIZE + 1, ok)) + "]}", "page 1 holds more than the 100 events asked for"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void everySurpriseIsAGatewayResponseException(String answer, String problem) {
        GatewayResponseException e = assertThrows(GatewayResponseException.class,
                () -> WhatsgateOrgFeed.readPage(json(answer), 1, WIRE));
        assertTrue(e.getMessage().startsWith("[whatsgate-org] feed failed (HTTP 200): "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals("feed", e.getOperation());
    }
}
