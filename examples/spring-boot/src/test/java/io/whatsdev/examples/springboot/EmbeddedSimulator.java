package io.whatsdev.examples.springboot;

import java.time.Duration;
import java.util.List;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ScheduledPollConsumer;

import static org.awaitility.Awaitility.await;

/** What the launcher and the tests do with the simulator: point the application at it, and wait for polls. */
final class EmbeddedSimulator {

    private EmbeddedSimulator() {
    }

    /** Command-line arguments that point both components at the simulator (they win over application.properties). */
    static String[] arguments(GatewaySimulator sim, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--camel.component.whatsdev.base-url=" + sim.baseUrl(Gateway.of("whatspie")),
                "--whatsdev.components.whatsdev-wassly.base-url=" + sim.baseUrl(Gateway.of("wassly"))));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Waits until each watched gateway's consumer has finished this many more successful polls. */
    static void awaitPolls(CamelContext camel, int more) {
        for (String routeId : List.of("whatspie-devices", "wassly-devices")) {
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) camel.getRoute(routeId).getConsumer();
            long target = consumer.getSuccessCounter() + more;
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getSuccessCounter() >= target);
        }
    }
}
