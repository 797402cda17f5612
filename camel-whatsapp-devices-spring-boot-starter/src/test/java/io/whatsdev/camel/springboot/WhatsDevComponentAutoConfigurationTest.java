package io.whatsdev.camel.springboot;

import java.util.List;

import io.whatsdev.camel.WhatsDevComponent;
import io.whatsdev.camel.model.Device;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot application that adds the starter and sets {@code camel.component.whatsdev.*} gets a configured
 * component (the auto-configuration is listed in {@code AutoConfiguration.imports}, where Spring Boot finds it; without
 * that file the properties would be silently ignored), and a route URI without credentials works against the
 * simulator.
 */
class WhatsDevComponentAutoConfigurationTest {

    private static GatewaySimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = GatewaySimulator.start(0);
        sim.createDevice(Gateway.of("whatspie"), "5", "shop");
        sim.createDevice(Gateway.of("wassly"), "w-1", "support");
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    /** The auto-configurations listed in the imports files of the class path, as Spring Boot finds them. */
    private static ApplicationContextRunner app() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, WhatsDevComponentAutoConfiguration.class));
    }

    @Test
    void springBootFindsTheAutoConfiguration() {
        List<String> imports = new java.util.ArrayList<>();
        org.springframework.boot.context.annotation.ImportCandidates
                .load(org.springframework.boot.autoconfigure.AutoConfiguration.class, getClass().getClassLoader())
                .forEach(imports::add);
        assertTrue(imports.contains(WhatsDevComponentAutoConfiguration.class.getName()), imports.toString());
    }

    @Test
    void propertiesReachTheComponentAndARouteUsesThem() {
        app().withPropertyValues("camel.component.whatsdev.token=" + SimulatorCredentials.TOKEN,
                "camel.component.whatsdev.base-url=" + sim.baseUrl(Gateway.of("whatspie")),
                "camel.component.whatsdev.call-timeout=20000",
                "camel.component.whatsdev.max-response-size=1048576").run(ctx -> {
                    CamelContext camel = ctx.getBean(CamelContext.class);
                    WhatsDevComponent component = camel.getComponent("whatsdev", WhatsDevComponent.class);
                    assertEquals(SimulatorCredentials.TOKEN, component.getConfiguration().getToken());
                    assertEquals(20000, component.getConfiguration().getCallTimeout());
                    assertEquals(1048576, component.getConfiguration().getMaxResponseSize());
                    ProducerTemplate template = camel.createProducerTemplate();
                    List<?> devices = template.requestBody("whatsdev:whatspie/devices?operation=list", null, List.class);
                    assertEquals("5", ((Device) devices.get(0)).getId());
                });
    }

    @Test
    void unsetPropertiesKeepTheComponentsDefaults() {
        app().run(ctx -> {
            WhatsDevComponent component = ctx.getBean(CamelContext.class).getComponent("whatsdev", WhatsDevComponent.class);
            assertNull(component.getConfiguration().getToken());
            assertEquals(60000, component.getConfiguration().getCallTimeout());
            assertNull(component.getConfiguration().getMaxConnectionsPerRoute()); // the endpoint sizes its pool
        });
    }

    @Test
    void aBadValueFailsWhenTheEndpointIsCreatedNamingTheOption() {
        app().withPropertyValues("camel.component.whatsdev.token=t", "camel.component.whatsdev.max-connections-per-route=0")
                .run(ctx -> {
                    CamelContext camel = ctx.getBean(CamelContext.class);
                    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                            () -> camel.getEndpoint("whatsdev:whatspie/devices"));
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertTrue(root.getMessage().contains("maxConnectionsPerRoute is 0; allowed: 1 to 1000"), root.getMessage());
                });
    }

    @Test
    void theCustomizerCanBeTurnedOff() {
        app().withPropertyValues("camel.component.whatsdev.token=t", "camel.component.whatsdev.customizer.enabled=false")
                .run(ctx -> assertNull(ctx.getBean(CamelContext.class).getComponent("whatsdev", WhatsDevComponent.class)
                        .getConfiguration().getToken()));
    }

    @Test
    void twoGatewaysByPropertiesAloneEachWithItsOwnCredentials() {
        app().withPropertyValues("camel.component.whatsdev.token=" + SimulatorCredentials.TOKEN,
                "camel.component.whatsdev.base-url=" + sim.baseUrl(Gateway.of("whatspie")),
                "camel.component.whatsdev.call-timeout=20000",
                "whatsdev.components.whatsdev-wassly.base-url=" + sim.baseUrl(Gateway.of("wassly")),
                "whatsdev.components.whatsdev-wassly.api-key=" + SimulatorCredentials.API_KEY,
                "whatsdev.components.whatsdev-wassly.username=" + SimulatorCredentials.USERNAME,
                "whatsdev.components.whatsdev-wassly.password=" + SimulatorCredentials.PASSWORD,
                "whatsdev.components.whatsdev-wassly.max-response-size=65536").run(ctx -> {
                    CamelContext camel = ctx.getBean(CamelContext.class);
                    camel.start();
                    ProducerTemplate template = camel.createProducerTemplate();
                    List<?> pie = template.requestBody("whatsdev:whatspie/devices?operation=list", null, List.class);
                    List<?> wassly = template.requestBody("whatsdev-wassly:wassly/devices?operation=list", null, List.class);
                    assertEquals("5", ((Device) pie.get(0)).getId());
                    assertEquals("w-1", ((Device) wassly.get(0)).getId());

                    WhatsDevComponent second = camel.getComponent("whatsdev-wassly", WhatsDevComponent.class);
                    assertEquals(20000, second.getConfiguration().getCallTimeout(), "inherited from camel.component.whatsdev");
                    assertEquals(65536, second.getConfiguration().getMaxResponseSize(), "its own");
                    assertEquals(SimulatorCredentials.API_KEY, second.getConfiguration().getApiKey());
                    WhatsDevComponent first = camel.getComponent("whatsdev", WhatsDevComponent.class);
                    assertNull(first.getConfiguration().getApiKey(), "the second component's options stay its own");
                    assertEquals(16L * 1024 * 1024, first.getConfiguration().getMaxResponseSize());
                });
    }

    @Test
    void aNamedComponentOverridesTheSharedValue() {
        app().withPropertyValues("camel.component.whatsdev.call-timeout=20000", "whatsdev.components.whatsdev-b.call-timeout=5000")
                .run(ctx -> {
                    CamelContext camel = ctx.getBean(CamelContext.class);
                    camel.start();
                    assertEquals(5000, camel.getComponent("whatsdev-b", WhatsDevComponent.class).getConfiguration().getCallTimeout());
                    assertEquals(20000, camel.getComponent("whatsdev", WhatsDevComponent.class).getConfiguration().getCallTimeout());
                });
    }

    @Test
    void aNameThatIsNotASchemeOrIsTakenIsRefusedNamingTheProperty() {
        app().withPropertyValues("whatsdev.components.Shop_1.token=t").run(ctx -> {
            Throwable failure = startFailure(ctx);
            assertTrue(failure.getMessage().contains("whatsdev.components.Shop_1: the name of a component must be lower-case letters"),
                    failure.getMessage());
        });
        app().withPropertyValues("whatsdev.components.http.token=t").run(ctx -> {
            Throwable failure = startFailure(ctx);
            assertTrue(failure.getMessage().contains("whatsdev.components.http: Camel already has a component named 'http'"),
                    failure.getMessage());
        });
    }

    @Test
    void aNamedComponentWithABadValueFailsNamingTheOption() {
        app().withPropertyValues("whatsdev.components.whatsdev-b.token=t", "whatsdev.components.whatsdev-b.max-connections-per-route=0")
                .run(ctx -> {
                    CamelContext camel = ctx.getBean(CamelContext.class);
                    camel.start();
                    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                            () -> camel.getEndpoint("whatsdev-b:whatspie/devices"));
                    assertTrue(rootMessage(e).contains("maxConnectionsPerRoute is 0; allowed: 1 to 1000"), rootMessage(e));
                });
    }

    /** The failure of the application's start, or of the CamelContext's start (where the runner does not start it). */
    private static Throwable startFailure(org.springframework.boot.test.context.assertj.AssertableApplicationContext ctx) {
        if (ctx.getStartupFailure() != null) {
            return rootOf(ctx.getStartupFailure());
        }
        return rootOf(org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> ctx.getBean(CamelContext.class).start()));
    }

    private static String rootMessage(Throwable e) {
        return rootOf(e).getMessage();
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
