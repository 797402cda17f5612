package io.whatsdev.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A callback a gateway API wants posted ({@link GatewayApi#postCallback}): where, with which headers and body, and the
 * gateway's own retry policy, i.e. how many attempts in all, how far apart (the documented delays; the simulator may
 * scale them down, see {@link GatewaySimulator#callbackRetryDelayMillis(long)}), which answers end the retries and what
 * answer acknowledges it.
 * <p>
 * The delay before attempt {@code n} (n &ge; 2) is {@code retryDelay × backoff^(n-2)}, at most {@code maxRetryDelay}
 * ({@link #delayBefore(int)}): a {@code backoff} of 1 is a constant delay (whatsgate-org's 20 s), 2 doubles it each time
 * (Evolution's 5, 10, 20, ... s up to 300 s). No random jitter is added: the schedule is exact, so tests can rely on it.
 *
 * @param deviceId      the device the callback is about (for the record)
 * @param url           the receiver's URL
 * @param headers       the request headers, e.g. {@code Content-Type} and a signature
 * @param body          the raw body as posted
 * @param attempts      attempts in all, at least 1 (1: no retry)
 * @param retryDelay    the gateway's documented delay between the first attempt and the second
 * @param backoff       what each further delay is multiplied by, at least 1 (1: a constant delay)
 * @param maxRetryDelay the longest delay between two attempts, at least {@code retryDelay} (null: {@code retryDelay})
 * @param finalStatuses HTTP statuses that end the retries: an answer with one of them is recorded as not acknowledged
 *                      and not attempted again (empty: every unacknowledged answer is retried while attempts remain)
 * @param acknowledged  whether an answer acknowledges the callback (else it is retried while attempts remain)
 */
public record CallbackRequest(String deviceId, String url, Map<String, String> headers, byte[] body, int attempts,
                              Duration retryDelay, double backoff, Duration maxRetryDelay, Set<Integer> finalStatuses,
                              Acknowledgement acknowledged) {

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
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay must not be negative");
        }
        if (!(backoff >= 1) || Double.isInfinite(backoff)) {
            throw new IllegalArgumentException("backoff must be a finite number of at least 1, not " + backoff);
        }
        maxRetryDelay = maxRetryDelay == null ? retryDelay : maxRetryDelay;
        if (maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay " + maxRetryDelay + " is shorter than retryDelay " + retryDelay);
        }
        finalStatuses = finalStatuses == null ? Set.of() : Set.copyOf(finalStatuses);
    }

    /** A callback with a constant delay between attempts and no status that ends the retries. */
    public CallbackRequest(String deviceId, String url, Map<String, String> headers, byte[] body, int attempts, Duration retryDelay,
                           Acknowledgement acknowledged) {
        this(deviceId, url, headers, body, attempts, retryDelay, 1, retryDelay, Set.of(), acknowledged);
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
        return new CallbackRequest(deviceId, url, h, body, attempts, retryDelay, backoff, maxRetryDelay, finalStatuses, acknowledged);
    }

    /** The same callback with this retry policy: a constant delay, every unacknowledged answer retried. */
    public CallbackRequest retried(int attempts, Duration retryDelay, Acknowledgement acknowledged) {
        return retried(attempts, retryDelay, 1, retryDelay, Set.of(), acknowledged);
    }

    /**
     * The same callback with this retry policy: delays growing by {@code backoff} up to {@code maxRetryDelay}, and the
     * answers with one of {@code finalStatuses} not retried.
     */
    public CallbackRequest retried(int attempts, Duration retryDelay, double backoff, Duration maxRetryDelay, Set<Integer> finalStatuses,
                                   Acknowledgement acknowledged) {
        return new CallbackRequest(deviceId, url, headers, body, attempts, retryDelay, backoff, maxRetryDelay, finalStatuses,
                acknowledged);
    }

    /**
     * The gateway's documented delay before this attempt: {@code retryDelay × backoff^(attempt-2)}, at most
     * {@code maxRetryDelay}.
     *
     * @param attempt 2 (the first retry) to {@link #attempts()}
     */
    public Duration delayBefore(int attempt) {
        if (attempt < 2 || attempt > attempts) {
            throw new IllegalArgumentException("attempt " + attempt + " is not a retry of 2 to " + attempts);
        }
        double nanos = retryDelay.toNanos() * Math.pow(backoff, attempt - 2);
        long max = maxRetryDelay.toNanos();
        return Duration.ofNanos(nanos >= max ? max : Math.round(nanos));
    }

    /** The documented delays before each retry, i.e. {@link #delayBefore(int)} of attempts 2 to {@link #attempts()}. */
    public List<Duration> retrySchedule() {
        List<Duration> out = new ArrayList<>(attempts - 1);
        for (int a = 2; a <= attempts; a++) {
            out.add(delayBefore(a));
        }
        return List.copyOf(out);
    }

    /**
     * The delay the simulator waits before this attempt, in milliseconds, given its callback retry delay override
     * ({@link GatewaySimulator#callbackRetryDelayMillis(long)}). Negative override: the documented delay. Otherwise the
     * override replaces {@code retryDelay} and every delay is scaled by the same factor, {@code override / retryDelay}:
     * the backoff still multiplies it and the cap is scaled alike (Evolution with 50 ms: 50, 100, 200, ... ms, at most
     * 3000 ms, for 5, 10, 20, ... s, at most 300 s). Where {@code retryDelay} is zero, the override is the delay.
     *
     * @param attempt 2 (the first retry) to {@link #attempts()}
     */
    public long delayMillisBefore(int attempt, long overrideMillis) {
        Duration documented = delayBefore(attempt);
        if (overrideMillis < 0) {
            return documented.toMillis();
        }
        if (retryDelay.isZero()) {
            return overrideMillis;
        }
        return Math.round(overrideMillis * ((double) documented.toNanos() / retryDelay.toNanos()));
    }

    /** Whether an answer with this status ends the retries ({@link #finalStatuses()}). */
    public boolean endsRetries(int status) {
        return finalStatuses.contains(status);
    }
}
