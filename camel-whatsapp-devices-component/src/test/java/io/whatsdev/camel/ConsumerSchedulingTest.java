package io.whatsdev.camel;

import java.util.Map;
import java.util.Optional;

import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimDevice;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer on Camel's scheduling machinery: a quartz cron scheduler, failed polls into the route's error handler
 * (bridgeErrorHandler), backoff, and the consumer health check.
 */
class ConsumerSchedulingTest extends SimulatorCamelTestSupport {

    private String uri(String extra) {
        return uri(Gateway.of("whatspie")) + extra;
    }

    private void route(String id, String from, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(id).to(to);
            }
        });
    }

    private long listCalls() {
        return sim.requests(Gateway.of("whatspie")).stream().filter(r -> r.path().endsWith("/devices")).count();
    }

    @Test
    void quartzCronScheduler() throws Exception {
        SimDevice d = sim.createDevice(Gateway.of("whatspie"), "5", "x").phone("628111000005");
        route("cron", uri("&scheduler=quartz&scheduler.cron=0/1+*+*+*+*+?&emitInitialState=true"), "mock:cron");
        MockEndpoint mock = getMockEndpoint("mock:cron");
        waitFor(() -> mock.getReceivedCounter() == 1, "the first cron-triggered poll");
        d.scan();
        waitFor(() -> mock.getReceivedCounter() == 2, "the change, at a later cron tick");
        StatusChange c = mock.getExchanges().get(1).getMessage().getBody(StatusChange.class);
        assertEquals("DISCONNECTED->CONNECTED", c.getPrevious() + "->" + c.getCurrent());
        long calls = listCalls();
        Thread.sleep(1500);
        assertTrue(listCalls() - calls <= 3, "quartz polls once a second, not at the default 500 ms delay");
    }

    @Test
    void failedPollsReachTheRouteErrorHandlerAsTypedExceptions() throws Exception {
        sim.createDevice(Gateway.of("whatspie"), "5", "x");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).to("mock:errors");
                from(uri("&delay=50&initialDelay=0&bridgeErrorHandler=true")).routeId("bridged").to("mock:changes");
            }
        });
        sim.faults(Gateway.of("whatspie")).next(Fault.HTTP_503);
        MockEndpoint errors = getMockEndpoint("mock:errors");
        waitFor(() -> errors.getReceivedCounter() >= 1, "the poll error in the route");
        Exchange e = errors.getExchanges().get(0);
        GatewayUnavailableException cause = assertInstanceOf(GatewayUnavailableException.class,
                e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        assertEquals(503, cause.getHttpStatus());
        assertEquals("whatspie", cause.getProvider());
        assertEquals(0, getMockEndpoint("mock:changes").getReceivedCounter());
    }

    @Test
    void backoffSkipsPollsAfterConsecutiveFailures() throws Exception {
        sim.createDevice(Gateway.of("whatspie"), "5", "x");
        sim.faults(Gateway.of("whatspie")).always(Fault.HTTP_500);
        route("backoff", uri("&delay=50&initialDelay=0&backoffErrorThreshold=1&backoffMultiplier=10"), "mock:backoff");
        Thread.sleep(1200);
        long calls = listCalls();
        // without backoff about 24 polls would run in 1.2 s; with it, one poll per 10 scheduled runs
        assertTrue(calls >= 1 && calls <= 6, "polls during backoff: " + calls);
        sim.faults(Gateway.of("whatspie")).clear();
    }

    @Override
    protected org.apache.camel.CamelContext createCamelContext() throws Exception {
        return ConsumerHealth.enable(super.createCamelContext());
    }

    private Optional<HealthCheck.Result> consumerHealth(String routeId) {
        return ConsumerHealth.of(context, routeId);
    }

    @Test
    void healthCheckGoesDownAfterTheThresholdAndRecovers() throws Exception {
        sim.createDevice(Gateway.of("whatspie"), "5", "x");
        route("health", uri("&delay=50&initialDelay=0&backoffErrorThreshold=3"), "mock:health");
        waitFor(() -> consumerHealth("health").map(r -> r.getState() == HealthCheck.State.UP).orElse(false), "UP");

        sim.faults(Gateway.of("whatspie")).always(Fault.HTTP_503);
        waitFor(() -> consumerHealth("health").map(r -> r.getState() == HealthCheck.State.DOWN).orElse(false), "DOWN");
        HealthCheck.Result down = consumerHealth("health").orElseThrow();
        assertTrue(down.getMessage().orElse("").contains("whatspie: "), down.getMessage().toString());
        assertTrue(down.getMessage().orElse("").contains("Service Unavailable"), down.getMessage().toString());
        Map<String, Object> details = down.getDetails();
        assertEquals(503, details.get(HealthCheck.HTTP_RESPONSE_CODE));
        assertTrue(((Number) details.get(HealthCheck.FAILURE_ERROR_COUNT)).longValue() >= 3);
        assertInstanceOf(GatewayUnavailableException.class, down.getError().orElseThrow());
        assertTrue(!String.valueOf(details.get(HealthCheck.ENDPOINT_URI)).contains("sim-token"), "the token is masked");

        sim.faults(Gateway.of("whatspie")).clear();
        waitFor(() -> consumerHealth("health").map(r -> r.getState() == HealthCheck.State.UP).orElse(false), "UP again");
    }

    @Test
    void healthCheckStaysUpBelowTheThreshold() throws Exception {
        sim.createDevice(Gateway.of("whatspie"), "5", "x");
        route("flaky", uri("&delay=50&initialDelay=0&backoffErrorThreshold=5"), "mock:flaky");
        waitFor(() -> consumerHealth("flaky").isPresent(), "the check");
        for (int i = 0; i < 5; i++) {
            sim.faults(Gateway.of("whatspie")).next(Fault.HTTP_503, 2);
            waitFor(() -> sim.faults(Gateway.of("whatspie")).pending() == 0, "both failures");
            assertEquals(HealthCheck.State.UP, consumerHealth("flaky").orElseThrow().getState(), "two failures are below 5");
            long polls = listCalls();
            waitFor(() -> listCalls() > polls + 1, "a good poll, which resets the count");
        }
    }
}
