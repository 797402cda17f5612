package io.whatsdev.camel.provider.whatsgateorg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.EventFeed;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.MalformedCallbackException;
import io.whatsdev.camel.provider.WireReader;

/**
 * whatsgate-org's {@code events-get} (whatsgate.org/docs/api/events-get), the pull alternative to its callbacks:
 * {@code POST /events-get} with {@code X-Api-Key}, body {@code {"WhatsappID", "date", "action", "page_cnt", "page"}}
 * (every field optional, numbers as strings in the docs' example), answered
 * {@code {"result":"OK","pages":1,"elements":2,"page":1,"data":[...]}} whose items have the shape of the webhook's
 * events ({@link WhatsgateOrgCallbacks}): {@code {id, whatsapp_id, event_action, event_date, status_code, event_data}}.
 * <p>
 * <b>What is asked.</b> {@code page_cnt} 100 (the documented maximum) and {@code page} 1, 2, ... up to the {@code pages}
 * the answers give, all in one poll; {@code WhatsappID} where the consumer watches exactly one device (else the events
 * of every session, deleted ones included, and the consumer keeps the watched ones); no {@code action}, since several
 * actions are lifecycle events; {@code date} as below.
 * <p>
 * <b>The cursor</b> ({@link WhatsgateOrgFeedCursor}) is the date of the latest event read and the ids of the events read
 * at that date. The docs say to pass the date of the last event as {@code date} "to fetch only newer events", but not
 * whether {@code date} includes that second, and dates have whole seconds, so several events can share one.
 * whatsdev builds for both readings: it asks for one second before the cursor's date, then skips every event older than
 * the cursor's date and every event at that date whose id it has read. An exclusive gateway returns the cursor's second
 * whole; an inclusive one returns one second more, which is skipped. So no event is emitted twice, and none is lost
 * when a poll stops halfway through a second (a failed exchange) or an event of that second arrives after the poll.
 * <p>
 * <b>Order.</b> The order of {@code data} is undocumented: whatsdev sorts the events of a poll by date, then id (ids are
 * integers on whatsgate-org: compared as numbers), whatever order they come in, which is why every page is read before
 * any event is emitted. An event that a later page repeats with the same content (pages shift when events arrive while
 * they are read) is taken once; a repeat with other content, or a page that repeats only events already read (a
 * gateway that ignores {@code page}), is a {@link GatewayResponseException}.
 * <p>
 * <b>Dates</b> are read as the callbacks' {@code event_date} is ({@link WhatsgateOrgCallbacks}: UTC, undocumented by the
 * gateway) and written in UTC as {@code yyyy-MM-dd HH:mm:ss}.
 * <p>
 * <b>The first poll</b> (no cursor stored yet) does not replay the history: it reads the events from the consumer's
 * "now" (UTC, whole seconds) on, emits none of them, and stores the cursor after them, or at "now" where there are
 * none. Only events dated after that are emitted. (A gateway whose clock or zone runs ahead is absorbed by this first
 * read; one that runs behind UTC would have its next events taken as old: whatsdev assumes UTC, as for callbacks.)
 * <p>
 * <b>Strict reading.</b> {@code result} must be {@code OK} (a failure envelope is the usual typed exception, see
 * {@link WhatsgateOrgProvider#decodeFailure}); {@code data} an array of objects, each with an {@code id} (an integer or
 * a non-blank string), an {@code event_action} (a non-blank string) and a readable {@code event_date}, and the lifecycle
 * events a valid {@code whatsapp_id}; {@code pages} an integer from 0 to {@value #MAX_PAGES} (more is the page cap:
 * whatsdev stops with an exception, reads nothing and keeps the cursor); {@code page} and {@code elements}, where given,
 * integers, {@code page} the one asked for. Any other answer is a {@link GatewayResponseException} and the poll reads
 * nothing: never a shorter list.
 * <p>
 * Actions that are not lifecycle events ({@code message}, {@code ack}, {@code media}, {@code sent}, {@code error},
 * {@code create}) are not emitted, but the cursor moves past them.
 */
public final class WhatsgateOrgFeed implements EventFeed {

    /** The command. */
    static final String COMMAND = "events-get";

    /** The operation named in exceptions. */
    static final String OPERATION = "feed";

    /** Events asked for per page: the documented maximum of {@code page_cnt}. */
    public static final int PAGE_SIZE = 100;

    /** The page cap: a poll whose answer says it has more pages than this fails, reading nothing (100,000 events). */
    public static final int MAX_PAGES = 1000;

    /** One item of {@code data}: its id, its date, and the event object itself. */
    record Item(String id, Instant date, JsonNode event) {
    }

    /** One page of an answer: its items, and how many pages the answer says there are. */
    record Page(List<Item> items, long pages) {
    }

    /** The ids' order: integers as numbers (shorter first), before and apart from other strings. */
    static final Comparator<Item> ORDER = Comparator.comparing(Item::date)
            .thenComparing(Item::id, WhatsgateOrgFeed::compareIds);

    @Override
    public Batch read(GatewayClient client, Query query) throws WhatsDevException {
        if (!(client instanceof WhatsgateOrgProvider.Client c)) {
            throw new IllegalArgumentException("whatsgate-org's feed reads with a whatsgate-org client, not " + client);
        }
        boolean first = query.cursor() == null;
        WhatsgateOrgFeedCursor cursor = first ? WhatsgateOrgFeedCursor.startingAt(query.now())
                : WhatsgateOrgFeedCursor.parse(query.cursor());
        String device = query.deviceIds().size() == 1 ? query.deviceIds().iterator().next() : null;
        Batch read = select(cursor, readAll(c, cursor.requestDate(), device), c.reader());
        // the first poll only sets the cursor: what happened before the consumer first started is not replayed
        return first ? new Batch(List.of(), read.cursor()) : read;
    }

    /** Every page of events since {@code date}, each event once. */
    private static List<Item> readAll(WhatsgateOrgProvider.Client client, String date, String device) throws WhatsDevException {
        Map<String, Item> read = new LinkedHashMap<>();
        long pages = 1;
        for (int page = 1; page <= pages; page++) {
            Page p = readPage(client.eventsGet(request(date, device, page)), page, client.reader());
            pages = p.pages();
            if (pages > MAX_PAGES) {
                throw new GatewayResponseException(WhatsgateOrgProvider.NAME, OPERATION, 200, "events-get has " + pages
                        + " pages of " + PAGE_SIZE + " events since " + date + "; whatsdev reads at most " + MAX_PAGES
                        + " pages in a poll (page cap) and keeps its cursor", null, null);
            }
            int fresh = 0;
            for (Item item : p.items()) {
                Item before = read.putIfAbsent(item.id(), item);
                if (before == null) {
                    fresh++;
                } else if (!before.event().equals(item.event())) {
                    throw client.reader().malformed(OPERATION, "event " + Inputs.printable(item.id())
                            + " is listed twice with different contents", item.event());
                }
            }
            if (page > 1 && fresh == 0 && !p.items().isEmpty()) {
                throw new GatewayResponseException(WhatsgateOrgProvider.NAME, OPERATION, 200, "page " + page
                        + " of events-get repeats events already read: the gateway repeats a page (does it ignore 'page'?)",
                        null, null);
            }
        }
        return new ArrayList<>(read.values());
    }

    /** The body of one events-get call; the numbers as strings, as the docs' example has them. */
    static Map<String, Object> request(String date, String device, int page) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (device != null) {
            body.put("WhatsappID", device);
        }
        body.put("date", date);
        body.put("page_cnt", String.valueOf(PAGE_SIZE));
        body.put("page", String.valueOf(page));
        return body;
    }

    /**
     * One events-get answer, checked (see the class comment); a pure function of the JSON.
     *
     * @param page the page asked for
     */
    static Page readPage(JsonNode answer, int page, WireReader wire) throws GatewayResponseException {
        if (answer == null || !answer.isObject()) {
            throw wire.malformed(OPERATION, "the answer is " + WireReader.kind(answer) + ", not an object", answer);
        }
        String result = WireReader.text(answer, "result");
        if (!"OK".equalsIgnoreCase(result)) {
            throw wire.malformed(OPERATION, "the answer's result is " + (result == null ? "missing" : "'"
                    + Inputs.printable(result) + "'") + ", not OK", answer);
        }
        Long pages = wire.integer(answer, "pages", OPERATION);
        if (pages == null || pages < 0) {
            throw wire.malformed(OPERATION, "'pages' is " + (pages == null ? "missing" : pages)
                    + "; events-get says how many pages there are", answer);
        }
        Long echoed = wire.integer(answer, "page", OPERATION);
        if (echoed != null && echoed != page) {
            throw wire.malformed(OPERATION, "page " + page + " was asked for and page " + echoed + " came", answer);
        }
        wire.integer(answer, "elements", OPERATION);
        List<Item> items = new ArrayList<>();
        for (JsonNode event : wire.array(answer, "data", OPERATION)) {
            if (items.size() == PAGE_SIZE) {
                // page_cnt was asked for: a longer page would let one poll hold up to the page cap of maxResponseSize each
                throw wire.malformed(OPERATION, "page " + page + " holds more than the " + PAGE_SIZE
                                                + " events asked for (page_cnt)", answer);
            }
            items.add(item(event, wire));
        }
        if (!items.isEmpty() && pages < page) {
            throw wire.malformed(OPERATION, "'pages' is " + pages + " but page " + page + " holds events", answer);
        }
        return new Page(items, pages);
    }

    /** An item of {@code data}: what every event needs for the cursor, whatever its action. */
    private static Item item(JsonNode event, WireReader wire) throws GatewayResponseException {
        if (event == null || !event.isObject()) {
            throw wire.malformed(OPERATION, "an event of 'data' is " + WireReader.kind(event) + ", not an object", event);
        }
        JsonNode id = event.get("id");
        if (id == null || !(id.isIntegralNumber() || id.isTextual() && !id.asText().isBlank())) {
            throw wire.malformed(OPERATION, "an event's id is " + WireReader.kind(id) + ", not an integer or a string", event);
        }
        JsonNode action = event.get("event_action");
        if (action == null || !action.isTextual() || action.asText().isBlank()) {
            throw wire.malformed(OPERATION, "event " + id.asText() + " has no event_action", event);
        }
        Instant date;
        try {
            date = WhatsgateOrgCallbacks.eventDate(event.get("event_date"));
        } catch (MalformedCallbackException e) {
            date = null;
        }
        if (date == null) {
            throw wire.malformed(OPERATION, "event " + Inputs.printable(id.asText()) + " has no readable event_date "
                    + "(yyyy-MM-dd HH:mm:ss), which the cursor needs", event);
        }
        return new Item(id.asText(), date, event);
    }

    /**
     * The events not yet read, by date and id, each lifecycle event with the cursor after it; a pure function.
     *
     * @throws GatewayResponseException where a lifecycle event cannot be read (its whatsapp_id)
     */
    static Batch select(WhatsgateOrgFeedCursor cursor, List<Item> items, WireReader wire) throws GatewayResponseException {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(ORDER);
        List<Entry> entries = new ArrayList<>();
        WhatsgateOrgFeedCursor at = cursor;
        for (Item item : sorted) {
            if (at.covers(item.id(), item.date())) {
                continue;
            }
            at = at.after(item.id(), item.date());
            List<CallbackEvent> events;
            try {
                events = WhatsgateOrgCallbacks.events(item.event());
            } catch (MalformedCallbackException e) {
                throw wire.malformed(OPERATION, "event " + Inputs.printable(item.id()) + ": " + e.getMessage(), item.event());
            }
            for (CallbackEvent event : events) {
                entries.add(new Entry(event, at.format()));
            }
        }
        return new Batch(entries, at.format());
    }

    private static int compareIds(String a, String b) {
        boolean na = a.chars().allMatch(c -> c >= '0' && c <= '9');
        boolean nb = b.chars().allMatch(c -> c >= '0' && c <= '9');
        if (na && nb) {
            String x = a.replaceFirst("^0+(?=.)", "");
            String y = b.replaceFirst("^0+(?=.)", "");
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        return na != nb ? (na ? -1 : 1) : a.compareTo(b);
    }
}
