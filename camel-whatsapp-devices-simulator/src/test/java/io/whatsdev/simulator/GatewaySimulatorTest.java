package io.whatsdev.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.whatsdev.simulator.whatsgateorg.WhatsgateOrgApi;
import io.whatsdev.simulator.whatsgateorg.WhatsgateOrgApiTest;
import io.whatsdev.simulator.whatspie.WhatspieApiTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java control API: devices, states, auto-pairing, concurrency. */
class GatewaySimulatorTest extends SimulatorTestSupport {

    @Test
    void gatewayIds() {
        assertEquals("whatsgate-org", Gateway.of("whatsgate-org").id());
        assertTrue(Gateway.ids().containsAll(List.of("whatsgate-net", "whatspie", "wassly", "whatsgate-org", "witime")), Gateway.ids()::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gateway.of("x"));
        assertTrue(e.getMessage().contains("whatspie"), e.getMessage());
    }

    @Test
    void baseUrlsAreOnLoopback() {
        assertEquals("http://127.0.0.1:" + sim.port() + "/whatspie", sim.baseUrl(Gateway.of("whatspie")));
        assertEquals("http://127.0.0.1:" + sim.port() + "/wassly/api", sim.baseUrl(Gateway.of("wassly")));
        assertEquals("http://127.0.0.1:" + sim.port() + "/whatsgate-org/api/v1", sim.baseUrl(Gateway.of("whatsgate-org")));
        assertEquals("http://127.0.0.1:" + sim.port() + "/witime", sim.baseUrl(Gateway.of("witime")));
    }

    @Test
    void devicesAndStates() {
        SimDevice d = sim.createDevice(Gateway.of("wassly"), "a", "A");
        sim.createDevice(Gateway.of("wassly"), "b", "B");
        assertEquals(SimState.NEW, d.state());
        assertEquals(List.of("a", "b"), sim.devices(Gateway.of("wassly")).stream().map(SimDevice::id).toList());
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(Gateway.of("wassly"), "a", "again"));
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(Gateway.of("wassly"), " ", "blank"));
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(Gateway.of("whatsgate-net"), "+62", "not digits"));
        assertThrows(IllegalArgumentException.class, () -> sim.device(Gateway.of("wassly"), "zz"));

        assertNull(d.currentQrToken());
        d.awaitScan();
        assertEquals(SimState.AWAITING_SCAN, d.state());
        assertTrue(d.currentQrToken() != null);
        assertEquals(SimState.CONNECTED, d.scan().state());
        assertNull(d.currentQrToken());
        assertEquals(SimState.DISCONNECTED, d.unlink().state());
        assertEquals(SimState.EXPIRED, d.expireQr().state());
        assertEquals(SimState.SUSPENDED, d.suspend().state());
        assertEquals(SimState.CONNECTED, d.scan().state());
        assertEquals("B2", sim.device(Gateway.of("wassly"), "b").name("B2").phone("123").name());

        assertEquals(SimState.DELETED, d.delete().state());
        assertEquals(List.of("b"), sim.devices(Gateway.of("wassly")).stream().map(SimDevice::id).toList());
        assertThrows(IllegalArgumentException.class, () -> sim.device(Gateway.of("wassly"), "a"));
        assertThrows(IllegalStateException.class, d::scan);
        sim.createDevice(Gateway.of("wassly"), "a", "A again"); // the id is free again
        assertThrows(IllegalStateException.class, () -> sim.device(Gateway.of("wassly"), "b").key("k"));
    }

    @Test
    void autoScanPairsAfterTheGatewayIssuedAQr() throws Exception {
        // long enough that the state right after the call is still the QR's on a slow machine
        sim.autoScanAfter(Duration.ofMillis(1000));
        try {
            SimDevice manual = sim.createDevice(Gateway.of("whatsgate-net"), "628111000002", "Sales").awaitScan();
            sim.createDevice(Gateway.of("whatsgate-net"), "628111000001", "Support");
            get(sim.baseUrl(Gateway.of("whatsgate-net")) + "/connect/628111000001", "Access-Token", SimulatorCredentials.TOKEN).json(200);
            SimDevice d = sim.device(Gateway.of("whatsgate-net"), "628111000001");
            assertEquals(SimState.AWAITING_SCAN, d.state());
            waitFor(d, SimState.CONNECTED);

            String coded = WhatsgateOrgApiTest.ok("session-create", "{\"name\":\"c\",\"auth_type\":\"CODE\",\"number\":\"7999\"}")
                    .get("unique_id").asText();
            waitFor(sim.device(Gateway.of("whatsgate-org"), coded), SimState.CONNECTED);
            // it waited for its scan since before both calls, so an auto-scan of it would have come by now
            assertEquals(SimState.AWAITING_SCAN, manual.state(), "only a gateway call starts the auto-pairing");
        } finally {
            sim.autoScanAfter(null);
        }
    }

    private static void waitFor(SimDevice d, SimState state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (d.state() != state && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(state, d.state());
    }

    @Test
    void concurrentRequestsAndChanges() throws Exception {
        for (int i = 1; i <= 8; i++) {
            SimDevice d = sim.createDevice(Gateway.of("whatspie"), String.valueOf(i), "d" + i);
            if (i % 2 == 0) {
                d.scan();
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        int id = 1 + n % 8;
                        String paired = WhatspieApiTest.call("GET", "/devices/" + id, null).json(200).get("data").get("paired_status").asText();
                        assertEquals(id % 2 == 0 ? "PAIRED" : "UNPAIRED", paired);
                        WhatspieApiTest.call("GET", "/devices/" + id + "/qr", null);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8 * 25 * 2, sim.requests(Gateway.of("whatspie")).size());
    }

    /**
     * Many requests are served at once (not 8 at a time, as once), and the simulator tells how many were: a request held
     * by a TIMEOUT fault is in flight for the whole delay, so 40 clients let go together overlap. The delay is long
     * against starting 40 threads, and the bound asked is well below 40: a count, not a timing.
     */
    @Test
    void servesManyRequestsAtOnceAndCountsThem() throws Exception {
        Gateway g = Gateway.of("whatspie");
        sim.createDevice(g, "1", "d1");
        sim.faults(g).always(Fault.TIMEOUT);
        sim.faultDelayMillis(2000);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return WhatspieApiTest.call("GET", "/devices/1", null).status();
                }));
            }
            go.countDown();
            for (Future<Integer> f : futures) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
            sim.faultDelayMillis(300);
        }
        int most = sim.maxRequestsInFlight();
        assertTrue(most >= 30 && most <= 40, "most requests in flight at once: " + most);
        sim.clearRequests();
        assertEquals(0, sim.maxRequestsInFlight());
    }

    @Test
    void startOnAGivenPortAndClose() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        GatewaySimulator other = GatewaySimulator.start(port);
        try {
            assertEquals(port, other.port());
            assertEquals(200, get(other.rootUrl() + "/_admin/health").status());
            other.seedDemoDevices();
            assertEquals(2, other.devices(Gateway.of("whatsgate-net")).size());
            assertEquals(SimState.CONNECTED, other.device(Gateway.of("whatspie"), "5").state());
            assertEquals(SimState.NEW, other.device(Gateway.of("whatspie"), "2076").state());
            assertEquals("wk-demo", other.devices(Gateway.of("witime")).get(0).key());
            assertEquals("READY", WhatsgateOrgApi.status(other.devices(Gateway.of("whatsgate-org")).get(0).state()));
        } finally {
            other.close();
            other.close();
        }
        assertThrows(Exception.class, () -> get("http://127.0.0.1:" + port + "/_admin/health"));
        assertThrows(IllegalArgumentException.class, () -> GatewaySimulator.start(70000));
    }
}
