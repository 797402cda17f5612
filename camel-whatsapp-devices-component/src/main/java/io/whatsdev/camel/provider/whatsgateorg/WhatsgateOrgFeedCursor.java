package io.whatsdev.camel.provider.whatsgateorg;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.whatsdev.camel.provider.Inputs;

/**
 * Where whatsgate-org's {@code events-get} feed was read up to: the date of the latest event read, and the ids of the
 * events read at that date. An event is new when it is later than the date, or at the date with an id not in the set;
 * so an event is never taken as new twice, whether the gateway's {@code date} filter includes that second or not, and
 * however many events share it.
 * <p>
 * Stored as one line, {@code <ISO-8601 instant>;<ids>}, the ids URL-encoded and separated by commas, e.g.
 * {@code 2026-12-01T10:00:05Z;17,18} (a line-based {@code FileStateRepository} keeps it as it is). Immutable.
 */
record WhatsgateOrgFeedCursor(Instant date, Set<String> ids) {

    /** events-get's {@code date} and {@code event_date}: {@code yyyy-MM-dd HH:mm:ss}, whatsdev reads and writes it in UTC. */
    static final DateTimeFormatter WIRE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    WhatsgateOrgFeedCursor {
        ids = Collections.unmodifiableSet(new LinkedHashSet<>(ids));
    }

    /** The cursor of a feed that starts at this instant (whole seconds): nothing read at that second yet. */
    static WhatsgateOrgFeedCursor startingAt(Instant now) {
        return new WhatsgateOrgFeedCursor(now.truncatedTo(ChronoUnit.SECONDS), Set.of());
    }

    /**
     * The {@code date} to ask events-get for: one second before the cursor's date, so that an exclusive reading of
     * {@code date} ("after") still returns the events at the cursor's second, and an inclusive one returns one second
     * more, which {@link #covers} then skips.
     */
    String requestDate() {
        return WIRE_DATE.format(date.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1));
    }

    /** Whether the event was read before: older than the cursor's date, or at that date with an id already seen. */
    boolean covers(String id, Instant eventDate) {
        return eventDate.isBefore(date) || eventDate.equals(date) && ids.contains(id);
    }

    /** The cursor once this event (not {@link #covers covered}) has been read as well. */
    WhatsgateOrgFeedCursor after(String id, Instant eventDate) {
        if (eventDate.isAfter(date)) {
            return new WhatsgateOrgFeedCursor(eventDate, Set.of(id));
        }
        Set<String> more = new LinkedHashSet<>(ids);
        more.add(id);
        return new WhatsgateOrgFeedCursor(date, more);
    }

    /** The stored form: {@code <ISO-8601 instant>;<url-encoded ids, comma separated>}. */
    String format() {
        StringBuilder sb = new StringBuilder(date.toString()).append(';');
        String comma = "";
        for (String id : ids) {
            sb.append(comma).append(URLEncoder.encode(id, StandardCharsets.UTF_8));
            comma = ",";
        }
        return sb.toString();
    }

    /**
     * Reads a stored cursor.
     *
     * @throws IllegalArgumentException where it is not one {@link #format()} wrote (a repository edited by hand, or the
     *                                  state of another consumer)
     */
    static WhatsgateOrgFeedCursor parse(String stored) {
        int semicolon = stored.indexOf(';');
        try {
            if (semicolon < 0) {
                throw new DateTimeParseException("no ';'", stored, 0);
            }
            Instant date = Instant.parse(stored.substring(0, semicolon));
            Set<String> ids = new LinkedHashSet<>();
            for (String id : stored.substring(semicolon + 1).split(",")) {
                if (!id.isEmpty()) {
                    ids.add(URLDecoder.decode(id, StandardCharsets.UTF_8));
                }
            }
            return new WhatsgateOrgFeedCursor(date, ids);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the stored whatsgate-org events-get cursor '" + Inputs.printable(stored)
                                               + "' is not one whatsdev wrote (<ISO-8601 instant>;<event ids>); remove it "
                                               + "from the state repository to start the feed again from now");
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
