package io.whatsdev.camel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.camel.provider.GatewayClient;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;

/**
 * Polls a gateway on Camel's scheduled-poll machinery and emits one exchange per status change (body
 * {@link StatusChange}). A failed poll emits nothing and changes no state: its typed exception goes to Camel's error
 * handling, the scheduler backs off, and the consumer's health check counts it.
 */
public class WhatsDevConsumer extends ScheduledPollConsumer {

    private final WhatsDevEndpoint endpoint;
    private StatusTracker tracker;
    private List<GatewayClient> targets;
    private ExecutorService pollExecutor;

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
        WhatsDevConfiguration c = endpoint.getConfiguration();
        var repository = endpoint.getStateRepository();
        if (repository instanceof FileStateRepository file && file.isStarted()) {
            // (stopping one that never started would write its empty cache over the file)
            // a file shared with other nodes is re-read when this consumer becomes active (e.g. a master: failover)
            ServiceHelper.stopService(repository);
        }
        ServiceHelper.startService(repository);
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

    @Override
    protected int poll() throws Exception {
        List<Device> devices = fetch();
        Instant now = Instant.now();
        List<StatusChange> changes = tracker.diff(devices, endpoint.getGateway().name(), now);
        int emitted = 0;
        for (StatusChange change : changes) {
            Exchange exchange = createExchange(true);
            Message m = exchange.getMessage();
            m.setBody(change);
            m.setHeader(WhatsDevConstants.PROVIDER, endpoint.getGateway().name());
            m.setHeader(WhatsDevConstants.DEVICE_ID, change.getDevice().getId());
            m.setHeader(WhatsDevConstants.STATUS, change.getCurrent().name());
            m.setHeader(WhatsDevConstants.PREVIOUS_STATUS, change.getPrevious().name());
            if (change.getDevice().getRawStatus() != null) {
                m.setHeader(WhatsDevConstants.RAW_STATUS, change.getDevice().getRawStatus());
            }
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() == null) {
                tracker.commit(change); // delivered: never emitted again
            } else {
                // not recorded: the change is offered again at the next poll
                getExceptionHandler().handleException("Error processing status change " + change, exchange,
                        exchange.getException());
            }
            emitted++;
        }
        return emitted;
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
            if (failures < threshold) {
                return builder.up().build();
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
    }

    /** One list call per target; targets (witime instances) are polled with bounded concurrency. */
    private List<Device> fetch() throws Exception {
        if (targets.size() == 1) {
            return targets.get(0).list();
        }
        List<Future<List<Device>>> futures = new ArrayList<>();
        for (GatewayClient t : targets) {
            futures.add(pollExecutor.submit(t::list));
        }
        List<Device> all = new ArrayList<>();
        WhatsDevException failure = null;
        for (Future<List<Device>> f : futures) {
            try {
                all.addAll(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof WhatsDevException w && failure == null) {
                    failure = w;
                } else if (failure == null) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        }
        if (failure != null) {
            throw failure; // the whole poll counts as failed: no change is emitted from a partial view
        }
        return all;
    }
}
