package io.whatsdev.examples.reconnect;

import java.nio.file.Files;
import java.nio.file.Path;

import io.whatsdev.examples.support.ExampleGateway;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device's phone is unlinked: the route fetches a fresh QR code for it and hands it on as a page. */
class ReconnectExampleTest {

    @TempDir
    Path notifications;

    @Test
    void anUnlinkedDeviceGetsAFreshQrHandedOn() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start()) {
            sim.createDevice(Gateway.of("whatspie"), "5", "Sales").scan();
            sim.createDevice(Gateway.of("whatspie"), "6", "Support").scan();
            Main main = ReconnectExample.create(ExampleGateway.simulated("whatspie", sim));
            main.addInitialProperty("notifications.dir", notifications.toString());
            main.start();
            try {
                Thread.sleep(1500); // the consumer's first poll records the devices
                sim.device(Gateway.of("whatspie"), "5").unlink();
                Path page = notifications.resolve("5.html");
                long deadline = System.currentTimeMillis() + 20_000;
                while (!Files.exists(page) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(Files.exists(page), "no notification for device 5");
                String html = Files.readString(page);
                // whatspie gives a link to the QR image; the page carries the image itself, so that it still shows
                // once the simulator (or the gateway's short-lived QR page) is gone
                assertTrue(html.contains("<img src=\"data:image/png;base64,"), html);
                assertTrue(!html.contains("http://"), "the page depends on a link: " + html);
                assertTrue(html.contains("device 5 (whatspie) was disconnected"), html);
                Thread.sleep(1500);
                assertTrue(!Files.exists(notifications.resolve("6.html")), "a connected device gets no QR");
            } finally {
                main.stop();
            }
        }
    }
}
