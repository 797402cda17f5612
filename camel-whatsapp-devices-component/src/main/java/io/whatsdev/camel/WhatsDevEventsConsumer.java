package io.whatsdev.camel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackDecoder.CallbackAnswer;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code whatsdev:GATEWAY/events}: receives the gateway's callbacks on the runtime's platform-http server and emits the
 * same status changes as the polling consumer (and, where the gateway pushes one, a new QR code).
 * <p>
 * A callback larger than {@code maxResponseSize} is refused (413). It is verified (401 and nothing emitted when it
 * fails), read (400 when it cannot be), and each of its events routed by the {@link EventRouter} (shared with the feed
 * consumer, {@link WhatsDevFeedConsumer}); only when every exchange succeeded is it acknowledged as the gateway documents, so that a gateway that retries delivers a failed one
 * again (500). Redelivered events are emitted once, by event id, through the {@code idempotentRepository}. Status
 * changes go through the same {@link StatusTracker} as the polling consumer's: with a shared {@code stateRepository}
 * and {@code stateKey} the two emit each transition once, and a callback older than the recorded status does not roll
 * the device back.
 */
final class WhatsDevEventsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsDevEventsConsumer.class);

    private final WhatsDevEndpoint endpoint;
    private CallbackDecoder decoder;
    private EventRouter router;
    private Consumer http;

    WhatsDevEventsConsumer(WhatsDevEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        decoder = endpoint.getGateway().callbacks();
        ServiceHelper.startService(endpoint.getStateRepository());
        router = EventRouter.start(endpoint, this);
        // the runtime's HTTP server (Vert.x on Camel Main, the servlet container on Spring Boot) serves the path
        Endpoint receiver = endpoint.getCamelContext().getEndpoint("platform-http:" + endpoint.getWebhookPath()
                                                                   + "?httpMethodRestrict=POST");
        http = receiver.createConsumer(this::receive);
        ServiceHelper.startService(http);
        LOG.info("Receiving {} callbacks on {}", endpoint.getGateway().name(), endpoint.getWebhookPath());
        if (endpoint.isRegisterWebhook()) {
            // after the path is served: the gateway may call back as soon as it is told where
            try {
                WebhookRegistration.register(endpoint);
            } catch (Exception e) {
                ServiceHelper.stopService(http);
                http = null;
                throw e;
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(http);
        http = null;
        super.doStop();
    }

    /** One HTTP callback: verify, read, route each event, answer. */
    private void receive(Exchange request) {
        Message in = request.getMessage();
        byte[] body = in.getBody(byte[].class);
        long max = endpoint.getConfiguration().getMaxResponseSize();
        if (body != null && body.length > max) {
            // a callback is untrusted input too: the same bound as a gateway's answer (maxResponseSize)
            LOG.warn("Refused a {} callback on {}: {} bytes, more than maxResponseSize ({})", endpoint.getGateway().name(),
                    endpoint.getWebhookPath(), body.length, max);
            answer(in, 413, "{\"error\":\"too large\"}");
            return;
        }
        Callback callback = new Callback(headers(in), query(in.getHeader(Exchange.HTTP_QUERY, String.class)), body);
        try {
            decoder.verify(callback, endpoint.getWebhookSecret());
        } catch (CallbackRejectedException e) {
            LOG.warn("Refused a {} callback on {}: {}", endpoint.getGateway().name(), endpoint.getWebhookPath(), e.getMessage());
            answer(in, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        List<CallbackEvent> events;
        try {
            events = decoder.decode(callback);
        } catch (MalformedCallbackException e) {
            LOG.warn("Could not read a {} callback on {}: {}", endpoint.getGateway().name(), endpoint.getWebhookPath(),
                    e.getMessage());
            answer(in, 400, "{\"error\":\"malformed callback\"}");
            return;
        }
        boolean failed = false;
        for (CallbackEvent event : events) {
            failed |= router.route(event) == EventRouter.Outcome.FAILED;
        }
        if (failed) {
            answer(in, 500, "{\"error\":\"not processed\"}"); // not acknowledged: the gateway's retry delivers it again
            return;
        }
        CallbackAnswer ack = decoder.acknowledge(callback, events);
        answer(in, ack.status(), ack.jsonBody());
    }

    private static void answer(Message m, int status, String json) {
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (json != null) {
            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
        m.setBody(json);
    }

    /** The request's HTTP headers as the platform-http consumer set them (Camel's own headers left out). */
    private static Map<String, List<String>> headers(Message in) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (!k.startsWith("Camel") && v != null) {
                out.put(k, v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v)));
            }
        });
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }
}
