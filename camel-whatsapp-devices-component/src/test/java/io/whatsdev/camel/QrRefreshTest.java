package io.whatsdev.camel;

import java.util.List;

import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimDevice;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** qrRefresh: the polling consumer hands out QR codes while a device waits for its scan, fresh once each one is due. */
class QrRefreshTest extends SimulatorCamelTestSupport {

    private static final Gateway WHATSPIE = Gateway.of("whatspie");

    private MockEndpoint watch(String options) throws Exception {
        String uri = uri(WHATSPIE) + "&delay=50&initialDelay=0&emitInitialState=true&qrRefresh=true" + options;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("qr-refresh").to("mock:events");
            }
        });
        return getMockEndpoint("mock:events");
    }

    private static List<String> kinds(MockEndpoint mock) {
        return mock.getExchanges().stream().map(QrRefreshTest::describe).toList();
    }

    private static String describe(Exchange e) {
        Object body = e.getMessage().getBody();
        if (body instanceof StatusChange c) {
            return c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent();
        }
        assertEquals("QR", e.getMessage().getHeader(WhatsDevConstants.EVENT_TYPE));
        return assertInstanceOf(QrCode.class, body).getDeviceId() + ":QR";
    }

    @Test
    void aWaitingDeviceGetsACodeThenAFreshOneOnceItIsDueAndNoneOncePaired() throws Exception {
        SimDevice d = sim.createDevice(WHATSPIE, "7", "waiting").awaitScan();
        MockEndpoint mock = watch("&qrLifetime=1s");
        waitFor(() -> mock.getReceivedCounter() >= 2, "the status and the first QR code");
        assertEquals(List.of("7:UNKNOWN->AWAITING_SCAN", "7:QR"), kinds(mock));
        waitFor(() -> mock.getReceivedCounter() >= 3, "a fresh QR code once the first one's lifetime is over");
        assertEquals("7:QR", kinds(mock).get(2));
        int qrCalls = qrCalls();
        d.scan();
        waitFor(() -> kinds(mock).contains("7:AWAITING_SCAN->CONNECTED"), "the pairing");
        settle();
        assertEquals(qrCalls, qrCalls(), "no QR code is asked for a paired device");
        assertTrue(kinds(mock).stream().filter(k -> k.endsWith(":QR")).count() >= 2);
    }

    @Test
    void aPairedDeviceGetsNoCode() throws Exception {
        sim.createDevice(WHATSPIE, "8", "paired").scan();
        MockEndpoint mock = watch("");
        waitFor(() -> mock.getReceivedCounter() >= 1, "the initial status");
        settle();
        assertEquals(List.of("8:UNKNOWN->CONNECTED"), kinds(mock));
        assertEquals(0, qrCalls());
    }

    @Test
    void qrRefreshOnAGatewayWithoutQrIsRefusedAtCreation() {
        Gateway wassly = Gateway.of("wassly");
        Exception e = assertThrows(Exception.class, () -> context.getEndpoint(uri(wassly) + "&qrRefresh=true"));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().startsWith("qrRefresh needs the qr operation"), root.getMessage());
    }

    private static int qrCalls() {
        return (int) sim.requests(WHATSPIE).stream().filter(r -> r.path().endsWith("/qr")).count();
    }

    /** Three more polls reached the simulator: whatever they caused has happened. */
    private static void settle() throws InterruptedException {
        int before = sim.requests(WHATSPIE).size();
        waitFor(() -> sim.requests(WHATSPIE).size() >= before + 3, "three more polls");
    }
}
