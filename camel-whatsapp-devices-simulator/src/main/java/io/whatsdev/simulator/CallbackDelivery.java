package io.whatsdev.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One delivery attempt of a callback, as recorded by {@link Callbacks#deliveries()}.
 *
 * @param deviceId the device the callback is about
 * @param url      where it was posted
 * @param headers  the request headers sent
 * @param body     the raw body sent
 * @param attempt  1 for the first attempt, 2 for the first retry, ...
 * @param status   the receiver's HTTP status; 0 when there was no answer (refused connection, timeout) or nothing was sent
 * @param answer   the receiver's answer body, or null
 * @param outcome  what came of it
 * @param at       when the attempt ended
 */
public record CallbackDelivery(String deviceId, String url, Map<String, String> headers, byte[] body, int attempt, int status,
                               String answer, Outcome outcome, Instant at) {

    public enum Outcome {
        /** The answer acknowledged the callback, as the gateway reads answers. */
        ACKNOWLEDGED,
        /**
         * An answer that does not acknowledge it: the gateway retries while its attempts last, unless the status is one
         * that ends its retries ({@link CallbackRequest#finalStatuses()}, e.g. Evolution's 401).
         */
        NOT_ACKNOWLEDGED,
        /** No answer: the connection failed or timed out. */
        NO_ANSWER,
        /** Not sent: lost on demand ({@link Callbacks#dropNext()}). */
        DROPPED,
        /** Not sent: the simulator calls back on loopback only (127.0.0.1, ::1, localhost), never to another host. */
        NOT_LOOPBACK
    }

    /** The body as text: un-gzipped when it is gzip data, then UTF-8. */
    public String text() {
        if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "callback #" + attempt + " for " + deviceId + " to " + url + " -> " + outcome + (status > 0 ? " " + status : "") + ": "
               + text();
    }
}
