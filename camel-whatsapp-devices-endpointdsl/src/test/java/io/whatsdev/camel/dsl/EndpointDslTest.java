package io.whatsdev.camel.dsl;

import java.util.List;

import io.whatsdev.camel.model.Device;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.Endpoint;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.whatsdev.camel.dsl.WhatsDevEndpoints.whatsdev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes written with the endpoint DSL, against the embedded simulator over loopback. */
class EndpointDslTest extends CamelTestSupport {

    private static GatewaySimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = GatewaySimulator.start(0);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String base = sim.baseUrl(Gateway.of("whatspie"));
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(whatsdev("whatspie/devices").baseUrl(base).token(SimulatorCredentials.TOKEN).emitInitialState(true)
                        .delay(50).initialDelay(0)).routeId("watch")
                        .to("mock:changes");
                from("direct:list")
                        .to(whatsdev("whatspie/devices").baseUrl(base).token(SimulatorCredentials.TOKEN).operation("list"));
            }
        };
    }

    @Test
    void producerAndConsumerWrittenWithTheDsl() throws Exception {
        sim.createDevice(Gateway.of("whatspie"), "5", "shop");
        MockEndpoint changes = getMockEndpoint("mock:changes");
        changes.expectedMinimumMessageCount(1);
        @SuppressWarnings("unchecked")
        List<Device> devices = template.requestBody("direct:list", null, List.class);
        assertEquals("5", devices.get(0).getId());
        changes.assertIsSatisfied();
        assertEquals("5", changes.getReceivedExchanges().get(0).getMessage().getHeader("CamelWhatsDevDeviceId"));
    }

    @Test
    void theBuiltUriIsTheComponentsUriWithTheTokenMasked() {
        Endpoint e = context.getRoute("watch").getEndpoint();
        assertTrue(e.getEndpointUri().startsWith("whatsdev://whatspie/devices?"), e.getEndpointUri());
        assertFalse(e.toString().contains(SimulatorCredentials.TOKEN), e.toString());
    }

    /** The DSL builds a URI: the component checks it exactly as it checks a written one. */
    @Test
    void badValuesAreRefusedAsInAUri() {
        FailedToCreateRouteException e = assertThrows(FailedToCreateRouteException.class, () -> context.addRoutes(
                new EndpointRouteBuilder() {
                    @Override
                    public void configure() {
                        from(whatsdev("witime/devices").token("k3y").pollConcurrency(0)).to("mock:never");
                    }
                }));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("pollConcurrency is 0; allowed: 1 to 1000"), root.getMessage());
    }
}
