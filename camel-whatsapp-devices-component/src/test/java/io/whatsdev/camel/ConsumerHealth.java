package io.whatsdev.camel;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;

/** The consumer health checks of a test's Camel context, as {@code camel.health.consumers-enabled=true} turns them on. */
final class ConsumerHealth {

    private ConsumerHealth() {
    }

    /** Turns on the consumers' health checks (call from {@code createCamelContext}). */
    static CamelContext enable(CamelContext ctx) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(ctx);
        HealthCheckRepository consumers = registry.getRepository("consumers")
                .orElseGet(() -> (HealthCheckRepository) registry.resolveById("consumers"));
        consumers.setEnabled(true);
        registry.register(consumers);
        return ctx;
    }

    /** The route's consumer check, invoked now (Camel's consumer checks are readiness checks). */
    static Optional<HealthCheck.Result> of(CamelContext ctx, String routeId) {
        return HealthCheckHelper.invokeReadiness(ctx).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:" + routeId)).findFirst();
    }
}
