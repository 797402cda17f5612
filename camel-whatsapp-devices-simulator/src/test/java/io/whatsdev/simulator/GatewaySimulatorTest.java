package io.whatsdev.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java control API: devices, states, auto-pairing, concurrency. */
class GatewaySimulatorTest extends SimulatorTestSupport {

    @Test
    void gatewayIds() {
        assertEquals(Gateway.WHATSGATE_ORG, Gateway.of("whatsgate-org"));
        assertEquals(List.of("whatsgate-net", "whatspie", "wassly", "whatsgate-org", "witime"), Gateway.ids());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gateway.of("x"));
        assertTrue(e.getMessage().contains("whatspie"), e.getMessage());
    }

    @Test
    void baseUrlsAreOnLoopback() {
        assertEquals("http://127.0.0.1:" + sim.port() + "/whatspie", sim.baseUrl(Gateway.WHATSPIE));
        assertEquals("http://127.0.0.1:" + sim.port() + "/wassly/api", sim.baseUrl(Gateway.WASSLY));
        assertEquals("http://127.0.0.1:" + sim.port() + "/whatsgate-org/api/v1", sim.baseUrl(Gateway.WHATSGATE_ORG));
        assertEquals("http://127.0.0.1:" + sim.port() + "/witime", sim.baseUrl(Gateway.WITIME));
    }

    @Test
    void devicesAndStates() {
        SimDevice d = sim.createDevice(Gateway.WASSLY, "a", "A");
        sim.createDevice(Gateway.WASSLY, "b", "B");
        assertEquals(SimState.NEW, d.state());
        assertEquals(List.of("a", "b"), sim.devices(Gateway.WASSLY).stream().map(SimDevice::id).toList());
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(Gateway.WASSLY, "a", "again"));
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(Gateway.WASSLY, " ", "blank"));
        assertThrows(IllegalArgumentException.class, () -> sim.createDevice(Gateway.WHATSGATE_NET, "+62", "not digits"));
        assertThrows(IllegalArgumentException.class, () -> sim.device(Gateway.WASSLY, "zz"));

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
        assertEquals("B2", sim.device(Gateway.WASSLY, "b").name("B2").phone("123").name());

        assertEquals(SimState.DELETED, d.delete().state());
        assertEquals(List.of("b"), sim.devices(Gateway.WASSLY).stream().map(SimDevice::id).toList());
        assertThrows(IllegalArgumentException.class, () -> sim.device(Gateway.WASSLY, "a"));
        assertThrows(IllegalStateException.class, d::scan);
        sim.createDevice(Gateway.WASSLY, "a", "A again"); // the id is free again
        assertThrows(IllegalStateException.class, () -> sim.device(Gateway.WASSLY, "b").witimeKey("k"));
    }

    @Test
    void autoScanPairsAfterTheGatewayIssuedAQr() throws Exception {
        sim.autoScanAfter(Duration.ofMillis(100));
        try {
            sim.createDevice(Gateway.WHATSGATE_NET, "628111000001", "Support");
            get(sim.baseUrl(Gateway.WHATSGATE_NET) + "/connect/628111000001", "Access-Token", SimulatorCredentials.TOKEN).json(200);
            SimDevice d = sim.device(Gateway.WHATSGATE_NET, "628111000001");
            assertEquals(SimState.AWAITING_SCAN, d.state());
            waitFor(d, SimState.CONNECTED);

            SimDevice manual = sim.createDevice(Gateway.WHATSGATE_NET, "628111000002", "Sales").awaitScan();
            Thread.sleep(250);
            assertEquals(SimState.AWAITING_SCAN, manual.state(), "only a gateway call starts the auto-pairing");

            String coded = WhatsgateOrgApiTest.ok("session-create", "{\"name\":\"c\",\"auth_type\":\"CODE\",\"number\":\"7999\"}")
                    .get("unique_id").asText();
            waitFor(sim.device(Gateway.WHATSGATE_ORG, coded), SimState.CONNECTED);
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
            SimDevice d = sim.createDevice(Gateway.WHATSPIE, String.valueOf(i), "d" + i);
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
        assertEquals(8 * 25 * 2, sim.requests(Gateway.WHATSPIE).size());
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
            assertEquals(2, other.devices(Gateway.WHATSGATE_NET).size());
            assertEquals(SimState.CONNECTED, other.device(Gateway.WHATSPIE, "5").state());
            assertEquals(SimState.NEW, other.device(Gateway.WHATSPIE, "2076").state());
            assertEquals("wk-demo", other.devices(Gateway.WITIME).get(0).witimeKey());
            assertEquals("READY", WhatsgateOrgApi.status(other.devices(Gateway.WHATSGATE_ORG).get(0).state()));
        } finally {
            other.close();
            other.close();
        }
        assertThrows(Exception.class, () -> get("http://127.0.0.1:" + port + "/_admin/health"));
        assertThrows(IllegalArgumentException.class, () -> GatewaySimulator.start(70000));
    }
}
