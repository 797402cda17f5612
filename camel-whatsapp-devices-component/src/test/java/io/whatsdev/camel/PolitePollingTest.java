package io.whatsdev.camel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.whatsdev.camel.exception.GatewayRateLimitedException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.whatsdev.camel.FaultSuiteTest.waitFor;
import static io.whatsdev.camel.HostileServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer is polite to a gateway and fair to the instances that work: a 429's Retry-After pauses polling (and is not
 * counted as a failure for backoff); a default delay of 30 s; one failing witime instance does not hide the others'
 * changes, keeps its own last status, and is named by the health check; witime keys never show.
 */
class PolitePollingTest extends CamelTestSupport {

    @RegisterExtension
    static final HostileServer server = new HostileServer();

    private static final String KEY_1 = "WITIME-KEY-1-a8f2e9";
    private static final String KEY_2 = "WITIME-KEY-2-c3d7b1";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        return ConsumerHealth.enable(super.createCamelContext());
    }

    private Optional<HealthCheck.Result> health(String routeId) {
        return ConsumerHealth.of(context, routeId);
    }

    private MockEndpoint route(String routeId, String uri, List<Throwable> errors) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true)
                        .process(x -> errors.add(x.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                from(uri).routeId(routeId).to("mock:" + routeId);
            }
        });
        return getMockEndpoint("mock:" + routeId);
    }

    @Test
    void theDefaultDelayIsThirtySeconds() {
        WhatsDevEndpoint e = context.getEndpoint("whatsdev:whatspie/devices?token=t", WhatsDevEndpoint.class);
        assertEquals(30_000, e.getDelay());
        assertEquals(5_000, context.getEndpoint("whatsdev:whatspie/devices?token=t&delay=5s", WhatsDevEndpoint.class).getDelay());
    }

    @Test
    void aRetryAfterPausesThePollerWithoutCountingAFailure() throws Exception {
        ListShapes g = ListShapes.WHATSPIE;
        server.behave(json(200, g.devices(1, g.up)));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        route("polite", g.uri(server.url(), "delay=20&initialDelay=0&bridgeErrorHandler=true&backoffErrorThreshold=1"
                                            + "&backoffMultiplier=100"),
                errors);
        waitFor(() -> server.requests().size() >= 2, "two polls");

        server.behave(HostileServer.raw(429, "application/json", "{\"code\":429,\"message\":\"Too Many Attempts.\"}".getBytes(),
                "Retry-After: 3"));
        WhatsDevConsumer consumer = (WhatsDevConsumer) context.getRoute("polite").getConsumer();
        waitFor(() -> consumer.getPausedUntil() != null, "the pause the 429 asks for");
        server.behave(json(200, g.devices(1, g.up)));
        int refused = server.requests().size();
        assertEquals(0, consumer.getErrorCounter(), "a Retry-After is not a failure: no backoff");
        assertTrue(errors.isEmpty(), "not handed to the error handler as a failure: " + errors);
        HealthCheck.Result h = health("polite").orElseThrow();
        assertEquals(HealthCheck.State.UP, h.getState());
        assertNotNull(h.getDetails().get("rate.limited.until"));

        // about 150 polls would run in 3 s at delay=20; during the pause none may (one may start as it ends)
        waitFor(() -> consumer.getPausedUntil() == null, "the end of the pause");
        assertTrue(server.requests().size() <= refused + 1, "polls during the pause: " + (server.requests().size() - refused));
        waitFor(() -> server.requests().size() >= refused + 3, "polling again after Retry-After");
    }

    @Test
    void aRateLimitWithoutRetryAfterIsAPlainFailure() throws Exception {
        ListShapes g = ListShapes.WHATSPIE;
        server.behave(json(429, "{\"code\":429,\"message\":\"Too Many Attempts.\"}"));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        route("plain", g.uri(server.url(), "delay=20&initialDelay=0&bridgeErrorHandler=true"), errors);
        waitFor(() -> !errors.isEmpty(), "a failed poll");
        assertInstanceOf(GatewayRateLimitedException.class, errors.get(0));
    }

    /** Two witime instances, told apart by their key: the first answers, the second fails. */
    @Test
    void oneFailingWitimeInstanceDoesNotHideTheOthers() throws Exception {
        Map<String, String> status = new ConcurrentHashMap<>(Map.of(KEY_1, "10", KEY_2, "10"));
        Map<String, Boolean> failing = new ConcurrentHashMap<>(Map.of(KEY_1, false, KEY_2, false));
        server.behave((r, s, out) -> {
            String key = r.target().replaceAll(".*[?&]wid=([^&]*).*", "$1");
            if (failing.get(key)) {
                json(503, "{\"status\":0,\"error\":\"instance " + key + " unavailable\",\"ttl\":0}").answer(r, s, out);
            } else {
                json(200, "{\"status\":" + status.get(key) + ",\"connected\":true}").answer(r, s, out);
            }
        });
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        MockEndpoint changes = route("witime", "whatsdev:witime/devices?baseUrl=" + server.url() + "&instanceTokens=RAW(one="
                                               + KEY_1 + ",two=" + KEY_2 + ")&delay=20&initialDelay=0&bridgeErrorHandler=true",
                errors);
        waitFor(() -> server.requests().size() >= 4, "two polls of both instances");

        failing.put(KEY_2, true);
        status.put(KEY_1, "0"); // instance one is unlinked while instance two fails
        status.put(KEY_2, "0"); // (what two really is, unseen)
        waitFor(() -> changes.getReceivedCounter() >= 1, "instance one's change");
        waitFor(() -> health("witime").map(h -> h.getState() == HealthCheck.State.DOWN).orElse(false), "health DOWN");
        int seen = server.requests().size();
        waitFor(() -> server.requests().size() >= seen + 6, "more polls");

        assertEquals(1, changes.getReceivedCounter(), "only instance one's change: " + changes.getReceivedExchanges());
        Exchange e = changes.getReceivedExchanges().get(0);
        assertEquals("one", e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID));
        assertEquals("DISCONNECTED", e.getMessage().getHeader(WhatsDevConstants.STATUS));
        HealthCheck.Result h = health("witime").orElseThrow();
        assertEquals("two", h.getDetails().get("failing.instances"));
        assertTrue(h.getMessage().orElse("").contains("instance(s) two failed"), h.getMessage().orElse(""));
        assertInstanceOf(GatewayUnavailableException.class, errors.get(0));
        assertTrue(errors.get(0).getMessage().contains("instance xxxxxx unavailable"), errors.get(0).getMessage());

        failing.put(KEY_2, false); // back: its real status is now seen, once
        waitFor(() -> changes.getReceivedCounter() >= 2, "instance two's change");
        waitFor(() -> health("witime").map(x -> x.getState() == HealthCheck.State.UP).orElse(false), "health UP");
        assertEquals("two", changes.getReceivedExchanges().get(1).getMessage().getHeader(WhatsDevConstants.DEVICE_ID));

        // the keys show nowhere Camel or whatsdev prints
        String printed = context.getRoute("witime").getEndpoint().toString() + h.getDetails() + h.getMessage() + errors;
        for (String key : List.of(KEY_1, KEY_2)) {
            assertFalse(printed.contains(key), "a witime key shows: " + printed);
        }
    }

    @Test
    void allInstancesFailingIsAFailedPoll() throws Exception {
        server.behave(json(503, "{\"status\":0,\"error\":\"down\",\"ttl\":0}"));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        route("all", "whatsdev:witime/devices?baseUrl=" + server.url() + "&instanceTokens=RAW(one=" + KEY_1 + ",two=" + KEY_2
                     + ")&delay=20&initialDelay=0&bridgeErrorHandler=true",
                errors);
        waitFor(() -> health("all").map(h -> h.getState() == HealthCheck.State.DOWN).orElse(false), "health DOWN");
        assertTrue(((WhatsDevConsumer) context.getRoute("all").getConsumer()).getErrorCounter() >= 1);
    }
}
