package io.whatsdev.camel;

import io.whatsdev.camel.provider.HttpTransport;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrency is said once: the connection pool follows pollConcurrency unless maxConnectionsPerRoute is set, and a
 * pool too small for pollConcurrency is refused when the endpoint is created, not found out as slow polls.
 */
class PollConcurrencyTest extends SimulatorCamelTestSupport {

    private static final Gateway WITIME = Gateway.of("witime");

    private WhatsDevEndpoint endpoint(String options) {
        return context.getEndpoint("whatsdev:witime/devices?token=unused&baseUrl=" + sim.baseUrl(WITIME)
                                   + "&instanceTokens=RAW(A1=wk-a1,B2=wk-b2)" + options, WhatsDevEndpoint.class);
    }

    @Test
    void thePoolFollowsPollConcurrencyUnlessMaxConnectionsPerRouteIsSet() {
        assertEquals(20, endpoint("").transportSettings().maxConnectionsPerRoute(), "default pollConcurrency 4: 20");
        assertEquals(20, endpoint("&pollConcurrency=20").transportSettings().maxConnectionsPerRoute());
        assertEquals(50, endpoint("&pollConcurrency=50").transportSettings().maxConnectionsPerRoute());
        assertEquals(1000, endpoint("&pollConcurrency=1000").transportSettings().maxConnectionsPerRoute());
        assertEquals(80, endpoint("&pollConcurrency=50&maxConnectionsPerRoute=80").transportSettings()
                .maxConnectionsPerRoute(), "set explicitly: as set");
        assertEquals(50, endpoint("&pollConcurrency=50&maxConnectionsPerRoute=50").transportSettings()
                .maxConnectionsPerRoute());
        // where nothing polls several instances, a small pool is fine (a producer's, say)
        assertEquals(2, context.getEndpoint("whatsdev:whatspie/devices?token=t&maxConnectionsPerRoute=2",
                WhatsDevEndpoint.class).transportSettings().maxConnectionsPerRoute());
    }

    @Test
    void theStartedEndpointsPoolHasThatManyConnections() throws Exception {
        WhatsDevEndpoint e = endpoint("&pollConcurrency=50");
        e.start();
        try {
            HttpTransport transport = e.getComponent().transport(e.transportSettings()); // the shared one, not a new one
            assertEquals(50, transport.maxConnectionsPerRoute());
            assertTrue(transport.maxConnectionsTotal() >= 250, "total " + transport.maxConnectionsTotal());
        } finally {
            e.stop();
        }
    }

    @Test
    void aPoolSmallerThanPollConcurrencyIsRefusedNamingBothAndWhatToDo() {
        Exception e = assertThrows(Exception.class, () -> endpoint("&pollConcurrency=50&maxConnectionsPerRoute=20"));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertEquals("maxConnectionsPerRoute is 20 but pollConcurrency is 50: a poll would call 50 instances at once "
                     + "over at most 20 connections, and the others would wait for one. Raise maxConnectionsPerRoute to "
                     + "50 or more, lower pollConcurrency to 20, or leave maxConnectionsPerRoute out: the pool then "
                     + "follows pollConcurrency", root.getMessage());
    }

    /**
     * 60 witime instances at pollConcurrency 50, with default pool settings, each call held 1 s by the simulator: the
     * simulator sees (nearly) 50 calls at once, where a pool of 20 held them to 20. A count, not a timing: the second
     * is long against starting 50 threads, and the bound asked, 40, is well above 20.
     */
    @Test
    void sixtyInstancesAtPollConcurrency50AreCalledFiftyAtOnce() throws Exception {
        StringBuilder instances = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            SimDevice d = sim.createDevice(WITIME, String.format("I%02d", i), "instance " + i);
            instances.append(instances.length() == 0 ? "" : ",").append(d.id()).append('=').append(d.key());
        }
        String uri = "whatsdev:witime/devices?token=unused&baseUrl=" + sim.baseUrl(WITIME) + "&instanceTokens=RAW("
                     + instances + ")&pollConcurrency=50&emitInitialState=true&initialDelay=0&delay=1h";
        sim.faultDelayMillis(1000);
        sim.faults(WITIME).always(Fault.TIMEOUT); // each call answered normally, after a second
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("fleet").to("mock:fleet");
                }
            });
            MockEndpoint mock = getMockEndpoint("mock:fleet");
            waitFor(() -> mock.getReceivedCounter() == 60, "the first poll's 60 changes");
        } finally {
            sim.faults(WITIME).clear();
            sim.faultDelayMillis(GatewaySimulator.DEFAULT_FAULT_DELAY_MILLIS);
        }
        int most = sim.maxRequestsInFlight();
        assertTrue(most >= 40 && most <= 50, "most calls in flight at once: " + most);
    }
}
