package io.whatsdev.camel;

import java.util.List;

import io.whatsdev.camel.model.Device;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Options set once per gateway: one whatsdev component instance per gateway, each with its own defaults, so that
 * route URIs carry no credentials at all.
 */
class PerGatewayComponentTest extends SimulatorCamelTestSupport {

    @BeforeEach
    void createDevices() {
        sim.createDevice(Gateway.of("whatspie"), "5", "pie").scan();
        sim.createDevice(Gateway.of("whatsgate-net"), "628111000001", "net");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        WhatsDevComponent pie = new WhatsDevComponent();
        pie.getConfiguration().setBaseUrl(sim.baseUrl(Gateway.of("whatspie")));
        pie.getConfiguration().setToken(SimulatorCredentials.TOKEN);
        ctx.addComponent("whatspie", pie);
        WhatsDevComponent net = new WhatsDevComponent();
        net.getConfiguration().setBaseUrl(sim.baseUrl(Gateway.of("whatsgate-net")));
        net.getConfiguration().setToken(SimulatorCredentials.TOKEN);
        ctx.addComponent("whatsgate", net);
        return ctx;
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachGatewayItsOwnDefaults() {
        List<Device> pie = template.requestBody("whatspie:whatspie/devices?operation=list", null, List.class);
        assertEquals("5", pie.get(0).getId());
        List<Device> net = template.requestBody("whatsgate:whatsgate-net/devices?operation=list", null, List.class);
        assertEquals("628111000001", net.get(0).getId());
    }

    @Test
    void aTokenInTheUriIsStillMaskedUnderAnotherName() {
        Endpoint e = context.getEndpoint("whatspie:whatspie/devices?operation=list&token=SECRET-per-gw-1");
        assertFalse(e.toString().contains("SECRET-per-gw-1"), e.toString());
    }
}
