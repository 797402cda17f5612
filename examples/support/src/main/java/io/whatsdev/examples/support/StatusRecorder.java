package io.whatsdev.examples.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Records what the examples' whatsdev steps answered and what their consumers emitted, for the examples' tests: bind
 * it in the registry ({@code main.bind("statusRecorder", recorder)}) before starting.
 */
public final class StatusRecorder extends EventNotifierSupport {

    /** "device=STATUS" for each status call. */
    public final List<String> statuses = new CopyOnWriteArrayList<>();
    /** "device: PREVIOUS -> CURRENT" for each change a consumer emitted. */
    public final List<String> changes = new CopyOnWriteArrayList<>();

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSentEvent sent && sent.getEndpoint().getEndpointUri().startsWith("whatsdev:")
                && sent.getEndpoint().getEndpointUri().contains("operation=status")) {
            Exchange e = sent.getExchange();
            statuses.add(e.getMessage().getHeader("CamelWhatsDevDeviceId") + "=" + e.getMessage().getHeader("CamelWhatsDevStatus"));
        } else if (event instanceof CamelEvent.ExchangeCreatedEvent created && created.getExchange().getFromEndpoint() != null
                   && created.getExchange().getFromEndpoint().getEndpointUri().startsWith("whatsdev:")) {
            Exchange e = created.getExchange();
            changes.add(e.getMessage().getHeader("CamelWhatsDevDeviceId") + ": "
                        + e.getMessage().getHeader("CamelWhatsDevPreviousStatus") + " -> "
                        + e.getMessage().getHeader("CamelWhatsDevStatus"));
        }
    }

    /** Waits (at most 20 s) until the list has n entries. */
    public static void await(List<String> list, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (list.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (list.size() < n) {
            throw new AssertionError("expected " + n + " entries, got " + list);
        }
    }
}
