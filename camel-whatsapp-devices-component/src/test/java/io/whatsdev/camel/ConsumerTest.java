package io.whatsdev.camel;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimDevice;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status-change consumer against the simulator: each gateway's lifecycle gives the exact sequence of changes, each
 * once; a failed poll emits nothing and loses nothing; a persistent state repository carries state across restarts.
 */
class ConsumerTest extends SimulatorCamelTestSupport {

    @TempDir
    Path tmp;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // routes are added per test
            }
        };
    }

    private String consumerUri(Gateway g, String extra) {
        String uri = uri(g);
        if (g.equals(Gateway.of("witime"))) {
            StringBuilder instances = new StringBuilder();
            for (SimDevice d : sim.devices(g)) {
                instances.append(instances.length() == 0 ? "" : ",").append(d.id()).append('=').append(d.key());
            }
            uri = uri.replace("&token=RAW({{witime.key}})", "&token=unused&instanceTokens=RAW(" + instances + ")");
        }
        return uri + "&delay=50&initialDelay=0" + (extra.contains("emitInitialState") ? "" : "&emitInitialState=true") + extra;
    }

    private MockEndpoint watch(String routeId, Gateway g, String extra) throws Exception {
        String uri = consumerUri(g, extra);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).to("mock:" + routeId);
            }
        });
        return getMockEndpoint("mock:" + routeId);
    }

    private static List<String> changes(MockEndpoint mock) {
        return mock.getExchanges().stream().map(ConsumerTest::describe).toList();
    }

    private static String describe(Exchange e) {
        StatusChange c = e.getMessage().getBody(StatusChange.class);
        assertEquals(c.getPrevious().name(), e.getMessage().getHeader(WhatsDevConstants.PREVIOUS_STATUS));
        assertEquals(c.getCurrent().name(), e.getMessage().getHeader(WhatsDevConstants.STATUS));
        assertEquals(c.getDevice().getId(), e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID));
        return c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent();
    }

    /** Waits until the mock has n changes, then a few more polls, and checks that no more came. */
    private static void await(MockEndpoint mock, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (mock.getReceivedCounter() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // about six more polls
        assertEquals(n, mock.getReceivedCounter(), "changes: " + changes(mock));
    }

    /** Waits until two more requests reached the gateway, so any request in flight before has been answered. */
    private static void settle(Gateway g) throws InterruptedException {
        int before = sim.requests(g).size();
        waitFor(() -> sim.requests(g).size() >= before + 2, "two more requests to " + g.id());
    }

    private void step(MockEndpoint mock, int expectedTotal, Runnable action) throws InterruptedException {
        action.run();
        await(mock, expectedTotal);
    }

    private void lifecycle(Gateway g, String id, Supplier<SimDevice> create, List<String> expected, Runnable... actions)
            throws Exception {
        create.get();
        MockEndpoint mock = watch("watch-" + g.id(), g, "");
        await(mock, 1);
        for (int i = 0; i < actions.length; i++) {
            step(mock, i + 2, actions[i]);
        }
        assertEquals(expected, changes(mock));
    }

    @Test
    void whatsgateNet() throws Exception {
        Gateway g = Gateway.of("whatsgate-net");
        String id = "628111000002";
        lifecycle(g, id, () -> sim.createDevice(g, id, "Sales"),
                List.of(id + ":UNKNOWN->NOT_INITIALIZED", id + ":NOT_INITIALIZED->AWAITING_SCAN", id + ":AWAITING_SCAN->CONNECTED",
                        id + ":CONNECTED->DISCONNECTED", id + ":DISCONNECTED->DELETED"),
                () -> sim.device(g, id).awaitScan(), () -> sim.device(g, id).scan(), () -> sim.device(g, id).unlink(),
                () -> sim.device(g, id).delete());
    }

    @Test
    void whatspie() throws Exception {
        Gateway g = Gateway.of("whatspie");
        String id = "2076";
        lifecycle(g, id, () -> sim.createDevice(g, id, "Support"),
                List.of(id + ":UNKNOWN->AWAITING_SCAN", id + ":AWAITING_SCAN->CONNECTED", id + ":CONNECTED->EXPIRED",
                        id + ":EXPIRED->SUSPENDED", id + ":SUSPENDED->DELETED"),
                () -> sim.device(g, id).scan(), () -> sim.device(g, id).expireQr(), () -> sim.device(g, id).suspend(),
                () -> sim.device(g, id).delete());
    }

    @Test
    void wassly() throws Exception {
        Gateway g = Gateway.of("wassly");
        String id = "device_id_123";
        lifecycle(g, id, () -> sim.createDevice(g, id, "Chrome"),
                List.of(id + ":UNKNOWN->DISCONNECTED", id + ":DISCONNECTED->CONNECTED", id + ":CONNECTED->DISCONNECTED",
                        id + ":DISCONNECTED->SUSPENDED", id + ":SUSPENDED->DELETED"),
                () -> sim.device(g, id).scan(), () -> sim.device(g, id).unlink(), () -> sim.device(g, id).suspend(),
                () -> sim.device(g, id).delete());
    }

    @Test
    void whatsgateOrg() throws Exception {
        Gateway g = Gateway.of("whatsgate-org");
        String id = "6345454545454";
        lifecycle(g, id, () -> sim.createDevice(g, id, "My WhatsApp"),
                List.of(id + ":UNKNOWN->STARTING", id + ":STARTING->AWAITING_SCAN", id + ":AWAITING_SCAN->CONNECTED",
                        id + ":CONNECTED->AWAITING_SCAN", id + ":AWAITING_SCAN->DELETED"),
                () -> sim.device(g, id).awaitScan(), () -> sim.device(g, id).scan(), () -> sim.device(g, id).unlink(),
                () -> sim.device(g, id).delete());
    }

    @Test
    void waha() throws Exception {
        Gateway g = Gateway.of("waha");
        String id = "support";
        // a new session is STOPPED, as one that paired before: WAHA does not tell them apart
        lifecycle(g, id, () -> sim.createDevice(g, id, "Support"),
                List.of(id + ":UNKNOWN->DISCONNECTED", id + ":DISCONNECTED->AWAITING_SCAN", id + ":AWAITING_SCAN->CONNECTED",
                        id + ":CONNECTED->DISCONNECTED", id + ":DISCONNECTED->DELETED"),
                () -> sim.device(g, id).awaitScan(), () -> sim.device(g, id).scan(), () -> sim.device(g, id).unlink(),
                () -> sim.device(g, id).delete());
    }

    @Test
    void evolution() throws Exception {
        Gateway g = Gateway.of("evolution");
        String id = "sales";
        // "close" without an owner is an instance never paired; with one, a phone that went away
        lifecycle(g, id, () -> sim.createDevice(g, id, "Sales"),
                List.of(id + ":UNKNOWN->NOT_INITIALIZED", id + ":NOT_INITIALIZED->AWAITING_SCAN", id + ":AWAITING_SCAN->CONNECTED",
                        id + ":CONNECTED->DISCONNECTED", id + ":DISCONNECTED->DELETED"),
                () -> sim.device(g, id).awaitScan(), () -> sim.device(g, id).scan(), () -> sim.device(g, id).unlink(),
                () -> sim.device(g, id).delete());
    }

    @Test
    void witimeInstances() throws Exception {
        Gateway g = Gateway.of("witime");
        sim.createDevice(g, "A1", "one");
        SimDevice two = sim.createDevice(g, "B2", "two");
        MockEndpoint mock = watch("watch-witime", g, "&pollConcurrency=2");
        await(mock, 2);
        step(mock, 3, two::awaitScan);
        step(mock, 4, two::scan);
        step(mock, 5, () -> sim.device(g, "A1").awaitScan());
        step(mock, 6, two::unlink);
        List<String> got = changes(mock);
        assertEquals(List.of("A1:UNKNOWN->DISCONNECTED", "B2:UNKNOWN->DISCONNECTED"), got.subList(0, 2).stream().sorted().toList());
        assertEquals(List.of("B2:DISCONNECTED->AWAITING_SCAN", "B2:AWAITING_SCAN->CONNECTED", "A1:DISCONNECTED->AWAITING_SCAN",
                "B2:CONNECTED->DISCONNECTED"), got.subList(2, 6));
    }

    @Test
    void aFailedPollEmitsNothingAndLosesNothing() throws Exception {
        Gateway g = Gateway.of("whatspie");
        SimDevice d = sim.createDevice(g, "5", "x").phone("628111000005"); // paired before: UNPAIRED is DISCONNECTED
        MockEndpoint mock = watch("faults", g, "&emitInitialState=false");
        Thread.sleep(200);
        assertEquals(0, mock.getReceivedCounter(), "without emitInitialState the first poll only records");
        // (a 429 with Retry-After pauses the poller instead: PolitePollingTest)
        for (Fault f : new Fault[] { Fault.HTTP_500, Fault.HTML_ERROR_PAGE, Fault.MALFORMED_JSON, Fault.AUTH_REVOKED }) {
            sim.faults(g).always(f);
            settle(g); // no poll that started before the fault is still in flight
            d.scan();
            Thread.sleep(200);
            assertEquals(0, mock.getReceivedCounter(), f + " must not produce a change");
            d.unlink();
            Thread.sleep(100);
            sim.faults(g).clear();
            Thread.sleep(200);
            assertEquals(0, mock.getReceivedCounter(), "the device is back where it was: nothing happened");
        }
        sim.faults(g).always(Fault.HTTP_503);
        settle(g);
        d.scan();
        Thread.sleep(200);
        sim.faults(g).clear();
        await(mock, 1);
        assertEquals(List.of("5:DISCONNECTED->CONNECTED"), changes(mock));
    }

    @Test
    void minStableTimeSuppressesAFlap() throws Exception {
        Gateway g = Gateway.of("whatspie");
        SimDevice d = sim.createDevice(g, "5", "x").scan();
        MockEndpoint mock = watch("debounce", g, "&emitInitialState=false&minStableTime=2000");
        Thread.sleep(200);
        d.unlink();
        Thread.sleep(200);
        d.scan();
        Thread.sleep(2500);
        assertEquals(0, mock.getReceivedCounter(), "a flap shorter than minStableTime is not emitted");
        d.unlink();
        await(mock, 1);
        assertEquals(List.of("5:CONNECTED->DISCONNECTED"), changes(mock));
    }

    @Test
    void aPersistentRepositoryCarriesStateAcrossRestarts() throws Exception {
        Gateway g = Gateway.of("whatspie");
        SimDevice d = sim.createDevice(g, "5", "x");
        File store = tmp.resolve("whatsdev-state.dat").toFile();
        FileStateRepository repo = FileStateRepository.fileStateRepository(store);
        context.getRegistry().bind("stateRepo", repo);
        MockEndpoint mock = watch("persistent", g, "&stateRepository=#stateRepo");
        await(mock, 1);
        step(mock, 2, d::scan);

        context.getRouteController().stopRoute("persistent");
        d.unlink(); // happens while the route is down
        context.getRouteController().startRoute("persistent");
        await(mock, 3);
        assertEquals(List.of("5:UNKNOWN->AWAITING_SCAN", "5:AWAITING_SCAN->CONNECTED", "5:CONNECTED->DISCONNECTED"), changes(mock));

        // a new repository instance reading the same file (a restarted JVM) repeats nothing
        context.getRouteController().stopRoute("persistent");
        context.removeRoute("persistent");
        FileStateRepository repo2 = FileStateRepository.fileStateRepository(store);
        context.getRegistry().bind("stateRepo2", repo2);
        MockEndpoint again = watch("persistent2", g, "&stateRepository=#stateRepo2");
        Thread.sleep(400);
        assertEquals(0, again.getReceivedCounter(), "nothing repeated: " + changes(again));
        assertTrue(store.length() > 0);
        d.scan();
        await(again, 1);
        assertEquals(List.of("5:DISCONNECTED->CONNECTED"), changes(again));
    }

    @Test
    void aDeviceThatAppearsEmitsItsFirstStatus() throws Exception {
        Gateway g = Gateway.of("whatsgate-net");
        sim.createDevice(g, "628111000001", "Support").scan();
        MockEndpoint mock = watch("appears", g, "&emitInitialState=false");
        Thread.sleep(300);
        assertEquals(0, mock.getReceivedCounter(), "the first poll only records what is there");
        sim.createDevice(g, "628111000009", "New");
        await(mock, 1);
        assertEquals(List.of("628111000009:UNKNOWN->NOT_INITIALIZED"), changes(mock));
    }

    @Test
    void watchedDeviceIds() throws Exception {
        Gateway g = Gateway.of("whatspie");
        sim.createDevice(g, "5", "x");
        SimDevice other = sim.createDevice(g, "6", "y");
        MockEndpoint mock = watch("watched", g, "&deviceIds=5,7");
        await(mock, 1);
        other.scan();
        sim.device(g, "5").scan();
        await(mock, 2);
        assertEquals(List.of("5:UNKNOWN->AWAITING_SCAN", "5:AWAITING_SCAN->CONNECTED"), changes(mock));
        assertEquals(DeviceStatus.CONNECTED,
                mock.getExchanges().get(1).getMessage().getBody(StatusChange.class).getDevice().getStatus());
    }
}
