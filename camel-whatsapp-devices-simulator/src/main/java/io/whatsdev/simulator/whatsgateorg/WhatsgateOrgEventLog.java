package io.whatsdev.simulator.whatsgateorg;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.simulator.Json;

/**
 * whatsgate-org's log of events, which {@code events-get} reads: each event has the shape of its webhook callbacks,
 * {@code {id, whatsapp_id, event_action, event_date, status_code, event_data}}, with a growing numeric {@code id} and
 * {@code event_date} in whole seconds, {@code yyyy-MM-dd HH:mm:ss} in UTC. Thread safe.
 */
final class WhatsgateOrgEventLog {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** How {@code events-get} orders {@code data} (undocumented by the gateway). */
    enum Order {
        /** By date, then id, oldest first. */
        OLDEST_FIRST,
        /** By date, then id, newest first. */
        NEWEST_FIRST
    }

    /** A logged event: its date for the filters, and its JSON as events-get and the webhook send it. */
    record Event(long id, String whatsappId, String action, Instant date, ObjectNode json) {
    }

    /** The events an events-get call asks for (null: no filter), before paging. */
    record Filter(String whatsappId, String action, Instant date, boolean dateInclusive) {
    }

    private final List<Event> events = new ArrayList<>();
    private long lastId;

    /** Logs an event and returns it; the date is cut to whole seconds. */
    synchronized Event add(String whatsappId, String action, Instant date, JsonNode eventData) {
        Instant at = date.truncatedTo(ChronoUnit.SECONDS);
        long id = ++lastId;
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("whatsapp_id", whatsappId);
        json.put("event_action", action);
        json.put("event_date", DATE.format(at));
        json.putNull("status_code");
        json.set("event_data", eventData == null ? NullNode.getInstance() : eventData.deepCopy());
        Event e = new Event(id, whatsappId, action, at, json);
        events.add(e);
        return e;
    }

    /** The events that match, ordered; copies. */
    synchronized List<ObjectNode> find(Filter filter, Order order) {
        Predicate<Event> match = e -> (filter.whatsappId() == null || filter.whatsappId().equals(e.whatsappId()))
                                      && (filter.action() == null || filter.action().equalsIgnoreCase(e.action()))
                                      && (filter.date() == null || e.date().isAfter(filter.date())
                                          || filter.dateInclusive() && e.date().equals(filter.date()));
        Comparator<Event> oldestFirst = Comparator.comparing(Event::date).thenComparingLong(Event::id);
        return events.stream().filter(match).sorted(order == Order.NEWEST_FIRST ? oldestFirst.reversed() : oldestFirst)
                .map(e -> e.json().deepCopy()).toList();
    }

    /** All events, in the order they were logged. */
    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
        lastId = 0;
    }
}
