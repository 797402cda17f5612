package io.whatsdev.camel;

import java.util.ArrayList;
import java.util.List;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same routes on every gateway that whatsdev and the simulator both register: the producer reads what the simulator
 * holds, and the consumer emits each transition once, as the producer reports it. Nothing here names a gateway: each
 * simulated gateway's plug-in gives its device ids ({@link SimulatedGateway#sampleDeviceId(int)}) and its endpoint
 * options ({@link SimulatedGateway#whatsdevOptions(List)}); what a gateway cannot do is read from its operation table.
 */
class EveryGatewayOnTheSimulatorTest extends SimulatorCamelTestSupport {


    @Test
    void everyRegisteredGatewayIsSimulated() {
        List<String> simulated = Gateway.ids();
        for (String name : GatewayProviders.all().keySet()) {
            assertTrue(simulated.contains(name), name + " is registered with whatsdev but has no simulated counterpart");
        }
    }

    private static SimulatedGateway plugin(Gateway g) {
        return g.plugin();
    }

    /** An endpoint URI reaching these devices of the gateway on the simulator. */
    private static String uri(Gateway g, List<SimDevice> devices, String more) {
        String options = plugin(g).whatsdevOptions(devices);
        return "whatsdev:" + g.id() + "/devices?baseUrl=" + sim.baseUrl(g) + (options.isEmpty() ? "" : "&" + options) + more;
    }

    private Object call(Gateway g, SimDevice d, String operation) {
        return template.requestBody(uri(g, List.of(d), "&operation=" + operation + "&deviceId=" + d.id()), (Object) null);
    }

    private static boolean supports(Gateway g, WhatsDevOperation op) {
        GatewayProvider p = GatewayProviders.lookup(g.id());
        return p.operations().containsKey(op);
    }

    private SimDevice create(Gateway g, int n) {
        return sim.createDevice(g, plugin(g).sampleDeviceId(n), "Device " + n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateways")
    void theProducerReadsWhatTheSimulatorHolds(Gateway g) {
        SimDevice paired = create(g, 1).scan();
        SimDevice waiting = create(g, 2).awaitScan();
        for (SimDevice d : List.of(paired, waiting)) {
            @SuppressWarnings("unchecked")
            List<Device> list = (List<Device>) call(g, d, "list");
            Device listed = list.stream().filter(x -> x.getId().equals(d.id())).findFirst()
                    .orElseThrow(() -> new AssertionError(d.id() + " not in the list " + list));
            assertEquals(g.id(), listed.getProvider());
            // a phone waiting for its scan is AWAITING_SCAN where the gateway has a word for it (wassly has none)
            if (d == paired) {
                assertEquals(DeviceStatus.CONNECTED, listed.getStatus(), g.id() + " " + d.id());
            } else {
                assertTrue(waitingStatus(g) == listed.getStatus(), g.id() + " " + d.id() + " " + listed.getStatus());
            }
            for (WhatsDevOperation op : List.of(WhatsDevOperation.get, WhatsDevOperation.status)) {
                if (supports(g, op)) {
                    Device one = (Device) call(g, d, op.name());
                    assertEquals(d.id(), one.getId(), op + " names its device");
                    assertEquals(listed.getStatus(), one.getStatus(), op + " agrees with the list");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateways")
    void theConsumerEmitsEachTransitionOnceAsTheProducerReportsIt(Gateway g) throws Exception {
        SimDevice a = create(g, 1).scan();
        SimDevice b = create(g, 2).awaitScan();
        String consumer = uri(g, List.of(a, b), "&delay=50&initialDelay=0&emitInitialState=true");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer).routeId("watch").to("mock:changes");
            }
        });
        MockEndpoint mock = getMockEndpoint("mock:changes");
        awaitChanges(mock, 2);
        DeviceStatus waiting = waitingStatus(g);
        assertEquals(List.of(a.id() + ":UNKNOWN->CONNECTED", b.id() + ":UNKNOWN->" + waiting),
                changes(mock).stream().sorted().toList());

        b.scan();
        awaitChanges(mock, 3);
        assertEquals(b.id() + ":" + waiting + "->CONNECTED", last(mock));

        a.unlink();
        awaitChanges(mock, 4);
        StatusChange unlinked = mock.getExchanges().get(3).getMessage().getBody(StatusChange.class);
        assertEquals(a.id(), unlinked.getDevice().getId());
        assertNotEquals(DeviceStatus.CONNECTED, unlinked.getCurrent(), "an unlinked phone is not connected");
        if (supports(g, WhatsDevOperation.status)) {
            assertEquals(((Device) call(g, a, "status")).getStatus(), unlinked.getCurrent(), "the consumer agrees with status");
        }
        settle(g);
        assertEquals(4, mock.getReceivedCounter(), "one exchange per transition: " + changes(mock));
    }

    /** AWAITING_SCAN, or DISCONNECTED on a gateway whose status table has no word for a phone waiting for its scan. */
    private static DeviceStatus waitingStatus(Gateway g) {
        boolean hasWord = GatewayProviders.lookup(g.id()).statusMapping().containsValue(DeviceStatus.AWAITING_SCAN);
        return hasWord ? DeviceStatus.AWAITING_SCAN : DeviceStatus.DISCONNECTED;
    }

    private static void awaitChanges(MockEndpoint mock, int n) throws InterruptedException {
        waitFor(() -> mock.getReceivedCounter() >= n, n + " status changes (so far " + changes(mock) + ")");
    }

    /** Waits until three more polls reached the gateway: any change they found has been emitted by then. */
    private static void settle(Gateway g) throws InterruptedException {
        int before = sim.requests(g).size();
        waitFor(() -> sim.requests(g).size() >= before + 3, "three more polls of " + g.id());
    }

    private static List<String> changes(MockEndpoint mock) {
        List<String> out = new ArrayList<>();
        for (Exchange e : mock.getExchanges()) {
            StatusChange c = e.getMessage().getBody(StatusChange.class);
            out.add(c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent());
        }
        return out;
    }

    private static String last(MockEndpoint mock) {
        List<String> all = changes(mock);
        return all.get(all.size() - 1);
    }
}
