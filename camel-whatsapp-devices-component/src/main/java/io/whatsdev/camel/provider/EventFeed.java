package io.whatsdev.camel.provider;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.whatsdev.camel.exception.WhatsDevException;

/**
 * A gateway's feed of past events, read by polling instead of receiving its callbacks: whatsgate-org's
 * {@code events-get}. A gateway that has one gives it from {@link GatewayProvider#eventFeed()}; the events consumer
 * with {@code eventSource=feed} ({@code whatsdev:GATEWAY/events}) calls {@link #read} once per poll, routes the events
 * it returns exactly as it routes callbacks, and stores the cursor.
 * <p>
 * <b>The cursor</b> is an opaque, single-line string owned by the gateway: the consumer stores it in the endpoint's
 * {@code stateRepository} and hands it back as it was. It says where the next read starts, so that no event is read as
 * new twice and none is skipped. Each {@link Entry} carries the cursor just after its event, so that a consumer whose
 * exchange fails at an event can store the cursor before it and read that event again at the next poll.
 * <p>
 * <b>No cursor</b> (the first poll ever): the gateway decides where the feed starts and documents it; it must not
 * replay the gateway's whole history.
 * <p>
 * Every surprise in the gateway's answers is a {@link WhatsDevException} (typically a
 * {@link io.whatsdev.camel.exception.GatewayResponseException}), never a shorter list: a failed read returns nothing
 * and the consumer's cursor stays where it was.
 */
public interface EventFeed {

    /**
     * The lifecycle events after the query's cursor, oldest first, with the cursor after the last event read (lifecycle
     * or not).
     *
     * @param client a client of the gateway that gave this feed, made for the consumer's endpoint
     * @throws WhatsDevException a failed or unreadable answer; nothing is returned and the cursor stays
     */
    Batch read(GatewayClient client, Query query) throws WhatsDevException;

    /**
     * What a poll asks for.
     *
     * @param cursor    the cursor a previous read returned, as stored; null at the first poll ever
     * @param deviceIds the devices the consumer watches; empty for all (a gateway may ask its API for them alone)
     * @param now       the consumer's clock, for a gateway whose first read starts "now"
     */
    record Query(String cursor, Set<String> deviceIds, Instant now) {
        public Query {
            deviceIds = deviceIds == null ? Set.of() : Set.copyOf(deviceIds);
        }
    }

    /**
     * One lifecycle event and the cursor just after it (which also covers the events before it that were not lifecycle
     * events).
     */
    record Entry(CallbackEvent event, String cursor) {
    }

    /**
     * What a read found: the lifecycle events in order (events that are not about a device's lifecycle, such as
     * messages, are left out), and the cursor after everything read, including those left out.
     */
    record Batch(List<Entry> events, String cursor) {
        public Batch {
            events = List.copyOf(events);
        }
    }
}
