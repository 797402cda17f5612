package io.whatsdev.camel;

import java.time.Duration;
import java.time.Instant;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.camel.provider.CallbackEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Routes a gateway's lifecycle events ({@link CallbackEvent}s), however they came: pushed to the events consumer's
 * callback, or read from the gateway's feed. One exchange per status change (body {@link StatusChange}) or pushed QR
 * code (body {@link io.whatsdev.camel.model.QrCode}), header {@code CamelWhatsDevEventType} {@code STATUS} or
 * {@code QR}.
 * <p>
 * Status changes go through the {@link StatusTracker} of the endpoint's {@code stateRepository} and {@code stateKey},
 * shared with a polling consumer of the same state: each transition is emitted once, and an event older than the
 * recorded status does not roll the device back. An event that was routed is remembered by its id in the
 * {@code idempotentRepository} (key {@code <stateKey>:<event id>}), so a redelivered one is not routed again.
 */
final class EventRouter {

    private final WhatsDevEndpoint endpoint;
    private final DefaultConsumer consumer;
    private final StatusTracker tracker;
    private final IdempotentRepository seen;

    private EventRouter(WhatsDevEndpoint endpoint, DefaultConsumer consumer, IdempotentRepository seen) {
        this.endpoint = endpoint;
        this.consumer = consumer;
        this.tracker = new StatusTracker(endpoint.getStateRepository(), endpoint.getStateKey(), true, Duration.ZERO,
                endpoint.watchedDeviceIds());
        this.seen = seen;
    }

    /** The router of a consumer of this endpoint; starts the endpoint's idempotent repository (or an in-memory one). */
    static EventRouter start(WhatsDevEndpoint endpoint, DefaultConsumer consumer) {
        IdempotentRepository seen = endpoint.getIdempotentRepository() != null ? endpoint.getIdempotentRepository()
                : MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        ServiceHelper.startService(seen);
        return new EventRouter(endpoint, consumer, seen);
    }

    /** What became of an event. */
    enum Outcome {
        /** An exchange was routed and ended well. */
        ROUTED,
        /** Nothing to route: a redelivery, no change of the recorded status, or a device not watched. */
        SKIPPED,
        /** The exchange failed (handled by the consumer's exception handler); the event is not remembered. */
        FAILED;

        /** Whether an exchange was created, as a poll counts them. */
        boolean exchanged() {
            return this != SKIPPED;
        }
    }

    /**
     * Routes one event unless it was routed before. A failed exchange goes to the consumer's exception handler and is
     * not remembered, so that the event is routed again when it comes again.
     */
    Outcome route(CallbackEvent event) {
        String id = event.eventId() == null ? null : endpoint.getStateKey() + ":" + event.eventId();
        if (id != null && seen.contains(id)) {
            return Outcome.SKIPPED; // a redelivery of a processed event
        }
        boolean routed;
        try {
            routed = event.kind() == CallbackEvent.Kind.QR ? process(null, event) : emitStatus(event);
        } catch (WhatsDevConsumer.DeliveryFailedException e) {
            return Outcome.FAILED;
        } catch (Exception e) {
            consumer.getExceptionHandler().handleException("Error processing " + endpoint.getGateway().name() + " event", e);
            return Outcome.FAILED;
        }
        if (id != null) {
            seen.add(id);
        }
        return routed ? Outcome.ROUTED : Outcome.SKIPPED;
    }

    /** Routes the status change the event means, if any; whether one was routed. */
    private boolean emitStatus(CallbackEvent event) throws Exception {
        DeviceStatus status = event.kind() == CallbackEvent.Kind.REMOVED ? DeviceStatus.DELETED : event.status();
        Device device = Device.builder(endpoint.getGateway().name()).id(event.deviceId()).status(status)
                .rawStatus(event.rawStatus()).build();
        Instant now = Instant.now();
        Instant at = event.occurredAt() != null ? event.occurredAt() : now;
        StatusChange change = tracker.pushed(device, now);
        return change != null && tracker.deliver(change, at, c -> process(c, null));
    }

    /** Routes a status change or a QR event; a failed exchange is handled and reported as not delivered. */
    private boolean process(StatusChange change, CallbackEvent qr) throws Exception {
        Exchange exchange = consumer.createExchange(true);
        Message m = exchange.getMessage();
        if (change != null) {
            StatusExchanges.fill(m, endpoint.getGateway().name(), change);
            m.setHeader(WhatsDevConstants.EVENT_TYPE, "STATUS");
        } else {
            m.setBody(qr.qr());
            m.setHeader(WhatsDevConstants.PROVIDER, endpoint.getGateway().name());
            m.setHeader(WhatsDevConstants.DEVICE_ID, qr.deviceId());
            m.setHeader(WhatsDevConstants.EVENT_TYPE, "QR");
        }
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            consumer.getExceptionHandler().handleException("Error processing " + endpoint.getGateway().name() + " event",
                    exchange, exchange.getException());
            throw new WhatsDevConsumer.DeliveryFailedException();
        }
        return true;
    }
}
