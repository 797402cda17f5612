package io.whatsdev.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One status-change consumer per gateway, each on its own whatsdev component (credentials in properties, none in the
 * URIs), and one route that handles a change wherever it came from.
 */
@Component
public class DeviceRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("whatsdev:whatspie/devices?delay={{devices.poll-delay}}").routeId("whatspie-devices")
                .to("direct:status-change");

        from("whatsdev-wassly:wassly/devices?delay={{devices.poll-delay}}").routeId("wassly-devices")
                .to("direct:status-change");

        from("direct:status-change").routeId("status-change")
                .log("${header.CamelWhatsDevProvider} device ${header.CamelWhatsDevDeviceId}: "
                     + "${header.CamelWhatsDevPreviousStatus} -> ${header.CamelWhatsDevStatus}");
    }
}
