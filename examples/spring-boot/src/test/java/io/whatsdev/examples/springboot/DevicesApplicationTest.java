package io.whatsdev.examples.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.apache.camel.builder.PredicateBuilder.and;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application as shipped (its application.properties, its routes), with only the two base URLs pointed at the
 * simulator: both gateways are watched through properties alone, and the consumers' health is in /actuator/health.
 */
@CamelSpringBootTest
@SpringBootTest(classes = DevicesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DevicesApplicationTest {

    private static final GatewaySimulator SIM = GatewaySimulator.start(0).seedDemoDevices();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("camel.component.whatsdev.base-url", () -> SIM.baseUrl(Gateway.of("whatspie")));
        registry.add("whatsdev.components.whatsdev-wassly.base-url", () -> SIM.baseUrl(Gateway.of("wassly")));
        registry.add("devices.poll-delay", () -> "500ms");
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Autowired
    private CamelContext camel;
    @LocalServerPort
    private int port;

    @Test
    void anUnlinkedPhoneOfEitherGatewayReachesTheRoute() {
        EmbeddedSimulator.awaitPolls(camel, 1);
        NotifyBuilder whatspie = disconnected("whatspie", "5");
        NotifyBuilder wassly = disconnected("wassly", "device_id_123");

        SIM.device(Gateway.of("whatspie"), "5").unlink();
        SIM.device(Gateway.of("wassly"), "device_id_123").unlink();

        assertTrue(whatspie.matches(30, TimeUnit.SECONDS), "whatspie device 5 went CONNECTED -> DISCONNECTED");
        assertTrue(wassly.matches(30, TimeUnit.SECONDS), "wassly device device_id_123 went CONNECTED -> DISCONNECTED");
    }

    @Test
    void theConsumersHealthIsInTheActuatorAndFollowsTheGateway() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> health().path("status").asText().equals("UP"));
        JsonNode camelHealth = health().path("components").path("camelHealth");
        assertEquals("UP", camelHealth.path("details").path("consumer:whatspie-devices").asText(), camelHealth.toString());
        assertEquals("UP", camelHealth.path("details").path("consumer:wassly-devices").asText(), camelHealth.toString());

        SIM.faults(Gateway.of("wassly")).always(Fault.HTTP_503);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> health().path("status").asText().equals("DOWN"));
            JsonNode down = health().path("components").path("camelHealth").path("details");
            assertEquals("DOWN", down.path("consumer:wassly-devices").asText(), down.toString());
            assertEquals("UP", down.path("consumer:whatspie-devices").asText(), down.toString());
            // what failed, in the gateway's own words, and never a credential
            String data = down.path("consumer:wassly-devices.data").toString();
            assertTrue(data.contains("Service Unavailable"), data);
            assertTrue(!data.contains("sim-apikey") && !data.contains("sim-password"), data);
        } finally {
            SIM.faults(Gateway.of("wassly")).clear();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> health().path("status").asText().equals("UP"));
    }

    private NotifyBuilder disconnected(String gateway, String deviceId) {
        return new NotifyBuilder(camel).fromRoute(gateway + "-devices")
                .filter(and(org.apache.camel.builder.Builder.header(WhatsDevConstants.PROVIDER).isEqualTo(gateway),
                        org.apache.camel.builder.Builder.header(WhatsDevConstants.DEVICE_ID).isEqualTo(deviceId),
                        org.apache.camel.builder.Builder.header(WhatsDevConstants.PREVIOUS_STATUS).isEqualTo("CONNECTED"),
                        org.apache.camel.builder.Builder.header(WhatsDevConstants.STATUS).isEqualTo("DISCONNECTED")))
                .whenDone(1).create();
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
