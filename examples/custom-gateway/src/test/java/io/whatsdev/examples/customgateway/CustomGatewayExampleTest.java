package io.whatsdev.examples.customgateway;

import java.util.ArrayList;
import java.util.List;

import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example's gateway of its own, end to end over real HTTP: tinygate is found by whatsdev and by the simulator from
 * this jar's service files alone, and the example's routes list, watch and pair its phones.
 */
class CustomGatewayExampleTest {

    private GatewaySimulator sim;
    private Gateway tinygate;
    private Main main;

    @BeforeEach
    void start() throws Exception {
        sim = GatewaySimulator.start().seedDemoDevices();
        tinygate = Gateway.of("tinygate");
        main = CustomGatewayExample.create(sim.baseUrl(tinygate));
        main.addInitialProperty("example.changes", "seda:changes");
        main.start();
    }

    @AfterEach
    void stop() throws Exception {
        main.stop();
        sim.close();
    }

    @Test
    void bothRegistriesFindTheGatewayFromItsJar() {
        assertNotNull(GatewayProviders.lookup("tinygate"), "whatsdev's registry");
        assertTrue(Gateway.ids().contains("tinygate"), "the simulator's registry: " + Gateway.ids());
    }

    @Test
    void theRoutesWatchAndPairItsPhones() throws Exception {
        ConsumerTemplate changes = context().createConsumerTemplate();
        // emitInitialState: both demo phones, in the order of the list
        List<String> initial = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            initial.add(describe(changes.receiveBody("seda:changes", 10_000, StatusChange.class)));
        }
        assertEquals(List.of("desk-1 UNKNOWN->CONNECTED", "desk-2 UNKNOWN->AWAITING_SCAN"), initial);

        // the route fetches a QR for desk-2 (and the exchange completes): then the simulator's phone scans it
        Await.until(() -> sim.requests(tinygate).stream().anyMatch(r -> r.path().endsWith("/phones/desk-2/qr")),
                "the route's QR call for desk-2");
        Await.until(() -> context().getInflightRepository().size() == 0, "the exchange to complete");
        sim.device(tinygate, "desk-2").scan();
        assertEquals("desk-2 AWAITING_SCAN->CONNECTED", describe(changes.receiveBody("seda:changes", 10_000, StatusChange.class)));
        assertNull(changes.receiveBody("seda:changes", 1_500), "one change per transition");
    }

    @Test
    void itsOperationsAndErrorsAreWhatsdevs() {
        ProducerTemplate template = context().createProducerTemplate();
        Device d = template.requestBody("whatsdev:tinygate/devices?operation=status&deviceId=desk-1", null, Device.class);
        assertEquals(DeviceStatus.CONNECTED, d.getStatus());
        assertEquals("online", d.getRawStatus());
        assertEquals("4915112345678", d.getPhone());

        QrCode qr = template.requestBody("whatsdev:tinygate/devices?operation=qr&deviceId=desk-2", null, QrCode.class);
        assertEquals(QrCode.MEDIA_TYPE_PNG, qr.getMediaType());

        // tinygate's 409 for a phone that is online becomes whatsdev's typed exception, with tinygate's message
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("whatsdev:tinygate/devices?operation=qr&deviceId=desk-1", (Object) null));
        DeviceAlreadyConnectedException already = assertInstanceOf(DeviceAlreadyConnectedException.class, e.getCause());
        assertEquals("phone desk-1 is online", already.getProviderMessage());
    }

    @Test
    void anOperationTinygateCannotDoIsRefusedAtEndpointCreation() {
        Exception e = assertThrows(Exception.class, () -> context().getEndpoint("whatsdev:tinygate/devices?operation=delete"));
        assertTrue(rootMessage(e).contains("delete"), rootMessage(e));
    }

    private CamelContext context() {
        return main.getCamelContext();
    }

    private static String describe(StatusChange c) {
        assertNotNull(c, "a status change within 10 s");
        return c.getDevice().getId() + " " + c.getPrevious() + "->" + c.getCurrent();
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
