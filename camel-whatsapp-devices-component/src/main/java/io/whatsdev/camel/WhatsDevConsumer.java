package io.whatsdev.camel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.whatsdev.camel.exception.GatewayRateLimitedException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.PollTarget;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a gateway on Camel's scheduled-poll machinery and emits one exchange per status change (body
 * {@link StatusChange}). A failed poll emits nothing and changes no state: its typed exception goes to Camel's error
 * handling, the scheduler backs off, and the consumer's health check counts it.
 */
public class WhatsDevConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsDevConsumer.class);

    private final WhatsDevEndpoint endpoint;
    private StatusTracker tracker;
    /** qrRefresh: when each waiting device's QR code is due again. Poll thread only. */
    private final Map<String, Instant> qrDue = new java.util.HashMap<>();
    private List<PollTarget> targets;
    private ExecutorService pollExecutor;
    /** Polls skipped until then, as a 429's Retry-After asked; null where not paused. */
    private volatile Instant pausedUntil;
    /** Poll targets whose last polls failed, with the consecutive count and the last error. */
    private final Map<String, TargetFailure> failingTargets = new ConcurrentHashMap<>();

    private record TargetFailure(int count, WhatsDevException last) {
    }

    /** What one poll read: the devices, and the targets that failed (their devices keep their last status). */
    private record PollResult(List<Device> devices, Map<String, WhatsDevException> failed) {
    }

    public WhatsDevConsumer(WhatsDevEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // Camel's scheduled-poll check goes DOWN at the first error; this one waits for backoffErrorThreshold
        setHealthCheck(new PollHealthCheck("consumer:" + getRouteId()));
    }

    @Override
    protected void doStart() throws Exception {
        var repository = endpoint.openStateRepository();
        tracker = new StatusTracker(repository, endpoint.getStateKey(), endpoint.isEmitInitialState(),
                java.time.Duration.ofMillis(endpoint.getMinStableTime()), endpoint.watchedDeviceIds());
        targets = endpoint.pollTargets();
        if (targets.size() > 1) {
            pollExecutor = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newFixedThreadPool(this, "whatsdev-poll-" + endpoint.getGateway().name(), Math.min(targets.size(),
                            endpoint.getPollConcurrency()));
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (pollExecutor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(pollExecutor);
            pollExecutor = null;
        }
    }

    /** Not while a gateway's Retry-After lasts: polling then would only be refused again and prolong the limit. */
    @Override
    protected boolean isPollAllowed() {
        Instant until = pausedUntil;
        if (until != null && Instant.now().isBefore(until)) {
            return false;
        }
        pausedUntil = null;
        return super.isPollAllowed();
    }

    @Override
    protected int poll() throws Exception {
        PollResult result;
        Instant now;
        int emitted;
        tracker.beginPoll(targets.size() == 1); // the index read once, before the list: each device compared as read
        try {
            result = fetchUnlessPaused();
            if (result == null) {
                return 0;
            }
            now = Instant.now();
            List<StatusChange> changes = tracker.diff(result.devices(), endpoint.getGateway().name(), now,
                    result.failed().keySet());
            reportFailedTargets(result.failed());
            emitted = deliver(changes, now);
        } finally {
            tracker.endPoll(); // the index written once for the whole poll, not once per change
        }
        if (endpoint.isQrRefresh()) {
            emitted += refreshQrCodes(result.devices(), now);
        }
        return emitted;
    }

    /** The poll's devices; null where the gateway asked to wait (a 429 with a Retry-After), and polling now pauses. */
    private PollResult fetchUnlessPaused() throws Exception {
        try {
            return fetch();
        } catch (GatewayRateLimitedException e) {
            if (e.getRetryAfter() == null) {
                throw e; // a plain failure: counted, backed off
            }
            pause(e);
            return null;
        }
    }

    /** Delivers a poll's changes; how many exchanges were routed. */
    private int deliver(List<StatusChange> changes, Instant now) throws Exception {
        int emitted = 0;
        for (StatusChange change : changes) {
            // under the device's lock, re-checked: an events consumer sharing the state may have delivered it meanwhile
            try {
                if (tracker.deliver(change, now, this::emit)) {
                    emitted++;
                }
            } catch (DeliveryFailedException e) {
                emitted++; // routed, failed and handled: offered again at the next poll
            }
        }
        return emitted;
    }

    /**
     * qrRefresh: a QR code for each watched device that waits for its scan, when it starts waiting and once the
     * previous code's lifetime is over. A failed fetch or exchange is tried again at the next poll.
     */
    private int refreshQrCodes(List<Device> devices, Instant now) {
        Set<String> waiting = new java.util.HashSet<>();
        Set<String> watched = endpoint.watchedDeviceIds();
        int emitted = 0;
        for (Device d : devices) {
            if (d.getStatus() != DeviceStatus.AWAITING_SCAN || !watched.isEmpty() && !watched.contains(d.getId())) {
                continue;
            }
            waiting.add(d.getId());
            Instant due = qrDue.get(d.getId());
            if (due == null || !now.isBefore(due)) {
                emitted += emitQr(d.getId(), now) ? 1 : 0;
            }
        }
        qrDue.keySet().retainAll(waiting); // a device that stopped waiting gets a fresh code when it waits again
        return emitted;
    }

    private boolean emitQr(String deviceId, Instant now) {
        QrCode qr;
        try {
            qr = (QrCode) endpoint.getClient().execute(OperationRequest.of(WhatsDevOperation.qr, deviceId));
        } catch (WhatsDevException e) {
            getExceptionHandler().handleException("qrRefresh: no QR code for " + deviceId, e);
            return false;
        }
        Exchange exchange = createExchange(true);
        Message m = exchange.getMessage();
        m.setBody(qr);
        m.setHeader(WhatsDevConstants.PROVIDER, endpoint.getGateway().name());
        m.setHeader(WhatsDevConstants.DEVICE_ID, deviceId);
        m.setHeader(WhatsDevConstants.EVENT_TYPE, "QR");
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing a QR code for " + deviceId, exchange, exchange.getException());
            return true;
        }
        Instant expires = qr.getExpiresAt();
        qrDue.put(deviceId, expires != null ? expires : now.plusMillis(endpoint.getQrLifetime()));
        return true;
    }

    /** Routes one change; a failure leaves it unrecorded, so it is offered again at the next poll. */
    private void emit(StatusChange change) throws Exception {
        Exchange exchange = createExchange(true);
        StatusExchanges.fill(exchange.getMessage(), endpoint.getGateway().name(), change);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing status change " + change, exchange, exchange.getException());
            throw new DeliveryFailedException();
        }
    }

    /** A change whose exchange failed: not recorded (its exception was handled already). */
    static final class DeliveryFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        DeliveryFailedException() {
            super(null, null, false, false);
        }
    }

    /**
     * The consumer's health: DOWN once {@code backoffErrorThreshold} polls in a row failed (one, where no threshold is
     * set), with the gateway's error and HTTP status; UP again after a successful poll.
     */
    final class PollHealthCheck implements HealthCheck {
        private final String id;
        private boolean enabled = true;

        PollHealthCheck(String id) {
            this.id = id;
        }

        @Override
        public String getGroup() {
            return "camel";
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public boolean isEnabled() {
            return enabled;
        }

        @Override
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public Result call(Map<String, Object> options) {
            HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
            builder.detail(HealthCheck.ENDPOINT_URI, URISupport.sanitizeUri(getEndpoint().getEndpointUri()));
            builder.detail("provider", endpoint.getGateway().name());
            long failures = getErrorCounter();
            int threshold = Math.max(1, getBackoffErrorThreshold());
            Instant paused = getPausedUntil();
            if (paused != null) {
                builder.detail("rate.limited.until", paused.toString());
            }
            if (failures < threshold) {
                return failingTargets(builder, threshold);
            }
            Throwable cause = getLastError();
            builder.down().detail(HealthCheck.FAILURE_ERROR_COUNT, failures);
            builder.message(endpoint.getGateway().name() + ": " + failures + " polls in a row failed"
                            + (cause != null ? "; last: " + cause.getMessage() : ""));
            if (cause != null) {
                builder.error(cause);
                if (cause instanceof WhatsDevException w && w.getHttpStatus() > 0) {
                    builder.detail(HealthCheck.HTTP_RESPONSE_CODE, w.getHttpStatus());
                }
            }
            return builder.build();
        }

        /** UP, unless some poll targets failed threshold polls in a row: DOWN, naming them. */
        private Result failingTargets(HealthCheckResultBuilder builder, int threshold) {
            List<String> ids = new ArrayList<>();
            WhatsDevException last = null;
            for (Map.Entry<String, TargetFailure> f : failingTargets.entrySet()) {
                if (f.getValue().count() >= threshold) {
                    ids.add(f.getKey());
                    last = f.getValue().last();
                }
            }
            if (ids.isEmpty()) {
                return builder.up().build();
            }
            builder.down().detail("failing.instances", String.join(",", ids));
            builder.message(endpoint.getGateway().name() + ": instance(s) " + String.join(", ", ids) + " failed " + threshold
                            + " or more polls in a row; last: " + last.getMessage());
            builder.error(last);
            return builder.build();
        }
    }

    private void pause(GatewayRateLimitedException e) {
        Instant until = Instant.now().plus(e.getRetryAfter());
        pausedUntil = until;
        LOG.warn("{}: the gateway asked to wait {} s (HTTP 429 with Retry-After): polling paused until {}. {}",
                endpoint.getGateway().name(), e.getRetryAfter().toSeconds(), until, e.getMessage());
    }

    /** When polling is paused by a gateway's Retry-After; null where it is not. */
    public Instant getPausedUntil() {
        Instant until = pausedUntil;
        return until != null && Instant.now().isBefore(until) ? until : null;
    }

    /**
     * One list call per target, each device compared with its stored status as it is read ({@link StatusTracker#light}),
     * so that a poll holds the full model (and the gateway's JSON behind its extra map) only of the devices that
     * changed. Poll targets (where a gateway has several) are polled with bounded concurrency, and their lists merged by
     * id. Where only some targets fail, the others' devices are read and the failed targets' devices keep their last
     * status; where all fail, the poll fails.
     */
    private PollResult fetch() throws Exception {
        if (targets.size() == 1) {
            return new PollResult(targets.get(0).client().list(tracker::light), Map.of());
        }
        List<Future<List<Device>>> futures = new ArrayList<>();
        for (PollTarget t : targets) {
            futures.add(pollExecutor.submit(() -> t.client().list(tracker::light)));
        }
        Map<String, Device> all = new LinkedHashMap<>(); // by id: the tracker's diff takes each id once
        List<Device> noId = new ArrayList<>();
        Map<String, WhatsDevException> failed = new LinkedHashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                for (Device d : futures.get(i).get()) {
                    if (d.getId() == null) {
                        noId.add(d);
                    } else {
                        all.put(d.getId(), d);
                    }
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof WhatsDevException w)) {
                    throw e.getCause() instanceof Exception ex ? ex : e; // a bug, not a gateway failure: fail loudly
                }
                failed.put(targets.get(i).deviceId(), w);
            }
        }
        if (failed.size() == targets.size()) {
            recordTargetFailures(failed);
            throw failed.values().iterator().next(); // nothing was read: the poll failed
        }
        List<Device> devices = new ArrayList<>(all.values());
        devices.addAll(noId);
        return new PollResult(devices, failed);
    }

    /** Each failed target goes to Camel's exception handler (logged by default) and counts for the health check. */
    private void reportFailedTargets(Map<String, WhatsDevException> failed) {
        recordTargetFailures(failed);
        for (Map.Entry<String, WhatsDevException> f : failed.entrySet()) {
            getExceptionHandler().handleException(endpoint.getGateway().name() + " instance " + f.getKey()
                                                  + " failed; its devices keep their last status", f.getValue());
            if (f.getValue() instanceof GatewayRateLimitedException r && r.getRetryAfter() != null) {
                pause(r); // one account, one host: the other instances would be refused next
            }
        }
    }

    private void recordTargetFailures(Map<String, WhatsDevException> failed) {
        failingTargets.keySet().retainAll(failed.keySet());
        failed.forEach((id, e) -> failingTargets.merge(id, new TargetFailure(1, e),
                (old, now) -> new TargetFailure(old.count() + 1, now.last())));
    }
}
