package io.whatsdev.examples.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.CamelContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-command demo ({@code mvn -q -Prun -pl examples/spring-boot -am package -DskipTests}): starts the simulator with
 * demo devices, runs {@link DevicesApplication} on it, has one phone of each gateway unlink, shows the consumers' entries
 * of {@code /actuator/health} and stops. The application is untouched: only its base URLs point at the simulator.
 */
public final class RunOnEmbeddedSimulator {

    private RunOnEmbeddedSimulator() {
    }

    public static void main(String[] args) throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(0).seedDemoDevices()) {
            System.out.println("whatsdev Spring Boot example on the embedded simulator at " + sim.rootUrl());
            try (ConfigurableApplicationContext app = SpringApplication.run(DevicesApplication.class,
                    EmbeddedSimulator.arguments(sim, "--devices.poll-delay=1s", "--server.port=0"))) {
                CamelContext camel = app.getBean(CamelContext.class);
                EmbeddedSimulator.awaitPolls(camel, 1);
                System.out.println("The phones of whatspie device 5 and wassly device device_id_123 unlink now.");
                sim.device(Gateway.of("whatspie"), "5").unlink();
                sim.device(Gateway.of("wassly"), "device_id_123").unlink();
                EmbeddedSimulator.awaitPolls(camel, 1);
                printHealth("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/actuator/health");
            }
        }
    }

    private static void printHealth(String url) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode health = new ObjectMapper().readTree(body);
        System.out.println("GET /actuator/health: " + health.path("status").asText());
        for (Map.Entry<String, JsonNode> check : health.path("components").path("camelHealth").path("details").properties()) {
            if (check.getKey().startsWith("consumer:") && check.getValue().isTextual()) {
                System.out.printf("  %-28s %s%n", check.getKey(), check.getValue().asText());
            }
        }
    }
}
