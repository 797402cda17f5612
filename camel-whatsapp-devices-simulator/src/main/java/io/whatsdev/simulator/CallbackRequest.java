package io.whatsdev.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A callback a gateway API wants posted ({@link GatewayApi#postCallback}): where, with which headers and body, and the
 * gateway's own retry policy, i.e. how many attempts in all, how far apart (the documented delay; the simulator may
 * scale it down, see {@link GatewaySimulator#callbackRetryDelayMillis(long)}) and what answer acknowledges it.
 *
 * @param deviceId     the device the callback is about (for the record)
 * @param url          the receiver's URL
 * @param headers      the request headers, e.g. {@code Content-Type} and a signature
 * @param body         the raw body as posted
 * @param attempts     attempts in all, at least 1 (1: no retry)
 * @param retryDelay   the gateway's documented delay between attempts
 * @param acknowledged whether an answer acknowledges the callback (else it is retried while attempts remain)
 */
public record CallbackRequest(String deviceId, String url, Map<String, String> headers, byte[] body, int attempts,
                              Duration retryDelay, Acknowledgement acknowledged) {

    /** The gateway's rule for an acknowledgement. */
    @FunctionalInterface
    public interface Acknowledgement {
        /** Whether the receiver's answer (status and body as text) acknowledges the callback. */
        boolean test(int status, String body);

        /** Any 2xx answer. */
        Acknowledgement ANY_2XX = (status, body) -> status >= 200 && status < 300;
    }

    public CallbackRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(acknowledged, "acknowledged");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        retryDelay = retryDelay == null ? Duration.ZERO : retryDelay;
    }

    /** A JSON callback posted once, acknowledged by any 2xx answer. */
    public static CallbackRequest json(String deviceId, String url, String json) {
        return new CallbackRequest(deviceId, url, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), 1,
                Duration.ZERO, Acknowledgement.ANY_2XX);
    }

    /** The same callback with other headers added (or replaced). */
    public CallbackRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new CallbackRequest(deviceId, url, h, body, attempts, retryDelay, acknowledged);
    }

    /** The same callback with this retry policy. */
    public CallbackRequest retried(int attempts, Duration retryDelay, Acknowledgement acknowledged) {
        return new CallbackRequest(deviceId, url, headers, body, attempts, retryDelay, acknowledged);
    }
}
