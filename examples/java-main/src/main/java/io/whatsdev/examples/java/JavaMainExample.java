package io.whatsdev.examples.java;

import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.examples.support.ExampleGateway;
import io.whatsdev.examples.support.ExampleRunner;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * whatsdev from the Java DSL on Camel Main: a report of every device's status, and a log line per status change.
 */
public final class JavaMainExample {

    private JavaMainExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner.run("whatsdev Java DSL example", "whatspie", "5", JavaMainExample::create, args);
    }

    /** The example's Camel Main for that gateway (credentials are on the component, see ExampleGateway). */
    public static Main create(ExampleGateway gateway) {
        Main main = gateway.configure(new Main());
        main.configure().addRoutesBuilder(new DeviceRoutes());
        return main;
    }

    static final class DeviceRoutes extends RouteBuilder {
        @Override
        public void configure() {
            // once: list the devices, then ask each one's status
            from("timer:report?repeatCount=1&delay=500").routeId("device-report")
                    .to("whatsdev:{{whatsdev.gateway}}/devices?operation=list")
                    .log("{{whatsdev.gateway}} has ${header.CamelWhatsDevDeviceCount} device(s)")
                    .split(body())
                        .setHeader(WhatsDevConstants.DEVICE_ID, simple("${body.id}"))
                        .to("whatsdev:{{whatsdev.gateway}}/devices?operation=status")
                        .log("  ${header.CamelWhatsDevDeviceId}: ${header.CamelWhatsDevStatus} ({{whatsdev.gateway}} says ${header.CamelWhatsDevRawStatus})")
                    .end();

            // all the time: one exchange per status change
            from("whatsdev:{{whatsdev.gateway}}/devices?delay=1000").routeId("status-changes")
                    .log("${header.CamelWhatsDevDeviceId}: ${header.CamelWhatsDevPreviousStatus} -> ${header.CamelWhatsDevStatus}");
        }
    }
}
