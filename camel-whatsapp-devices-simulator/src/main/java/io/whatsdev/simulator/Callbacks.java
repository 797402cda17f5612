package io.whatsdev.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.whatsdev.simulator.CallbackDelivery.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway's outgoing callbacks on a simulator ({@link GatewaySimulator#callbacks(Gateway)}): what its API posted
 * ({@link #deliveries()}, every attempt) and the controls that make the next deliveries go wrong on demand
 * ({@link #dropNext()}, {@link #duplicateNext()}, {@link #reorderNextTwo()}).
 * <p>
 * Callbacks are posted in the order the API asked for them, one at a time, from one daemon thread of the simulator
 * (shared by all gateways); a callback that is not acknowledged is attempted again after its gateway's delay while its
 * attempts last, the delay growing by the gateway's backoff up to its maximum ({@link CallbackRequest#delayBefore(int)};
 * scaled by {@link GatewaySimulator#callbackRetryDelayMillis(long)}), unless the answer's status is one that ends the
 * gateway's retries ({@link CallbackRequest#finalStatuses()}). Thread safe.
 */
public final class Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Gateway gateway;
    private final ScheduledExecutorService sender;
    private final HttpClient http;
    private final LongSupplier retryDelayOverride;
    private final List<CallbackDelivery> deliveries = new CopyOnWriteArrayList<>();
    /** Attempts scheduled and not yet finished (a retry is scheduled before its attempt finishes). */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    // on-demand controls, guarded by this
    private int drops;
    private int duplicates;
    private boolean reorder;
    private CallbackRequest held;

    Callbacks(Gateway gateway, ScheduledExecutorService sender, HttpClient http, LongSupplier retryDelayOverride) {
        this.gateway = gateway;
        this.sender = sender;
        this.http = http;
        this.retryDelayOverride = retryDelayOverride;
    }

    // ------------------------------------------------------------------ for tests

    /** Every delivery attempt so far, oldest first (a copy). */
    public List<CallbackDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Waits until the deliveries satisfy the condition; returns them.
     *
     * @throws AssertionError when they do not within the timeout (with what was delivered)
     */
    public List<CallbackDelivery> await(Predicate<List<CallbackDelivery>> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<CallbackDelivery> now = deliveries();
            if (condition.test(now)) {
                return now;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(gateway.id() + " callbacks did not come as expected within " + timeout + "; deliveries: " + now);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * Waits until no attempt is scheduled or running (a callback held by {@link #reorderNextTwo()} is not); returns
     * the deliveries. A state change schedules its callback before it returns, so this is the end of what it caused.
     */
    public List<CallbackDelivery> awaitIdle(Duration timeout) {
        return await(d -> inFlight.get() == 0, timeout);
    }

    /** Waits until at least {@code count} deliveries were attempted; returns them all. */
    public List<CallbackDelivery> await(int count, Duration timeout) {
        return await(d -> d.size() >= count, timeout);
    }

    /** The next callback is lost: recorded as {@link Outcome#DROPPED}, never sent nor retried. Cumulative. */
    public synchronized Callbacks dropNext() {
        drops++;
        return this;
    }

    /** The next callback is delivered twice (each copy with its own retries), as a gateway that redelivers. Cumulative. */
    public synchronized Callbacks duplicateNext() {
        duplicates++;
        return this;
    }

    /** The next two callbacks are delivered the other way round: the first is held until the second was sent. */
    public synchronized Callbacks reorderNextTwo() {
        reorder = true;
        return this;
    }

    /** Forgets the deliveries and the pending controls (a held callback is sent now). */
    public void clear() {
        CallbackRequest release;
        synchronized (this) {
            drops = 0;
            duplicates = 0;
            reorder = false;
            release = held;
            held = null;
        }
        deliveries.clear();
        if (release != null) {
            schedule(release, 1, 0);
        }
    }

    // ------------------------------------------------------------------ for the gateway APIs

    /** Posts a callback (asynchronously), applying the pending controls. */
    void post(CallbackRequest request) {
        List<CallbackRequest> send = new ArrayList<>(3);
        synchronized (this) {
            if (drops > 0) {
                drops--;
                deliveries.add(new CallbackDelivery(request.deviceId(), request.url(), request.headers(), request.body(), 1, 0, null,
                        Outcome.DROPPED, Instant.now()));
                return;
            }
            if (reorder) {
                if (held == null) {
                    held = request;
                    return;
                }
                send.add(request);
                send.add(held);
                held = null;
                reorder = false;
            } else {
                send.add(request);
            }
            if (duplicates > 0) {
                duplicates--;
                send.add(send.size(), send.get(0));
            }
        }
        send.forEach(r -> schedule(r, 1, 0));
    }

    private void schedule(CallbackRequest request, int attempt, long delayMillis) {
        inFlight.incrementAndGet();
        try {
            sender.schedule(() -> {
                try {
                    attempt(request, attempt);
                } finally {
                    inFlight.decrementAndGet();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            inFlight.decrementAndGet();
            LOG.debug("[{}] simulator closed: callback to {} not sent", gateway.id(), withoutQuery(request.url()));
        }
    }

    private void attempt(CallbackRequest request, int attempt) {
        int status = 0;
        String answer = null;
        Outcome outcome;
        if (!loopback(request.url())) {
            // a simulator never reaches out of the machine: a device's webhook elsewhere is recorded, not called
            deliveries.add(new CallbackDelivery(request.deviceId(), request.url(), request.headers(), request.body(), attempt, 0,
                    null, Outcome.NOT_LOOPBACK, Instant.now()));
            LOG.debug("[{}] callback to {} not sent: not a loopback address", gateway.id(), withoutQuery(request.url()));
            return;
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url())).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(b::header);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            answer = r.body();
            outcome = !request.endsRetries(status) && request.acknowledged().test(status, answer) ? Outcome.ACKNOWLEDGED
                    : Outcome.NOT_ACKNOWLEDGED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the simulator is closing
        } catch (Exception e) {
            LOG.debug("[{}] callback to {} failed: {}", gateway.id(), withoutQuery(request.url()), e.getClass().getSimpleName());
            outcome = Outcome.NO_ANSWER;
        }
        deliveries.add(new CallbackDelivery(request.deviceId(), request.url(), request.headers(), request.body(), attempt, status, answer,
                outcome, Instant.now()));
        LOG.debug("[{}] callback #{} to {} -> {} {}", gateway.id(), attempt, withoutQuery(request.url()), outcome, status);
        if (outcome == Outcome.NOT_ACKNOWLEDGED && request.endsRetries(status)) {
            LOG.debug("[{}] callback to {} answered {}: not retried", gateway.id(), withoutQuery(request.url()), status);
        } else if (outcome != Outcome.ACKNOWLEDGED && attempt < request.attempts()) {
            schedule(request, attempt + 1, request.delayMillisBefore(attempt + 1, retryDelayOverride.getAsLong()));
        }
    }

    /** Whether the URL's host is this machine's loopback interface. */
    static boolean loopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The URL for a log line: its query can carry a secret (whatsgate-org's and witime's {@code ?secret=}). */
    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        int amp = url.indexOf('&');
        int cut = q < 0 ? amp : amp < 0 ? q : Math.min(q, amp);
        return cut < 0 ? url : url.substring(0, cut) + "?...";
    }
}
