package io.whatsdev.examples.customgateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * A gateway of one's own, end to end: tinygate (this jar's {@code tinygate} package) is registered with whatsdev and with
 * the simulator by its two {@code META-INF/services} lines alone, and used like any built-in gateway:
 * {@code whatsdev:tinygate/devices}. The demo lists the phones, watches them, and fetches a QR code for a phone that waits
 * for its scan; a few seconds in, the simulator's phone scans it.
 */
public final class CustomGatewayExample {

    /** The phone of the demo devices that waits for its scan. */
    static final String WAITING_PHONE = "desk-2";

    private CustomGatewayExample() {
    }

    public static void main(String[] args) throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start().seedDemoDevices()) {
            Gateway tinygate = Gateway.of("tinygate");
            System.out.println("whatsdev with a gateway of its own: tinygate on the embedded simulator at " + sim.baseUrl(tinygate));
            Main main = create(sim.baseUrl(tinygate));
            // the demo ends itself once nothing has happened for a while
            main.addInitialProperty("camel.main.duration-max-idle-seconds", "8");
            CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS).execute(() -> sim.device(tinygate, WAITING_PHONE).scan());
            main.run(args);
        }
    }

    /** The example's Camel Main against a tinygate at {@code baseUrl} (the simulator's, or a real one). */
    public static Main create(String baseUrl) {
        Main main = new Main();
        // the credential goes on the component, never into a route URI
        main.addInitialProperty("camel.component.whatsdev.baseUrl", baseUrl);
        main.addInitialProperty("camel.component.whatsdev.apiKey", SimulatorCredentials.API_KEY);
        main.addInitialProperty("example.changes", "log:tinygate.changes?level=DEBUG");
        main.configure().addRoutesBuilder(new TinygateRoutes());
        return main;
    }

    static final class TinygateRoutes extends RouteBuilder {
        @Override
        public void configure() {
            from("timer:report?repeatCount=1&delay=500").routeId("phone-report")
                    .to("whatsdev:tinygate/devices?operation=list")
                    .log("tinygate has ${header.CamelWhatsDevDeviceCount} phone(s)")
                    .split(body())
                        .log("  ${body.id} (${body.name}): ${body.status} (tinygate says ${body.rawStatus})")
                    .end();

            from("whatsdev:tinygate/devices?delay=1000&emitInitialState=true").routeId("phone-changes")
                    .log("${header.CamelWhatsDevDeviceId}: ${header.CamelWhatsDevPreviousStatus} -> ${header.CamelWhatsDevStatus}")
                    .to("{{example.changes}}")
                    .filter(header(WhatsDevConstants.STATUS).isEqualTo("AWAITING_SCAN"))
                        .to("whatsdev:tinygate/devices?operation=qr")
                        .log("  a QR code for ${header.CamelWhatsDevDeviceId} (${body.mediaType})");
        }
    }
}
