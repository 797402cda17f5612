package io.whatsdev.examples.customgateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The example's own main, as {@code mvn -q -Prun -pl examples/custom-gateway -am package -DskipTests} runs it: it starts
 * the simulator, runs the routes, pairs the waiting phone and ends by itself once idle.
 */
class CustomGatewayMainTest {

    @Test
    void theDemoRunsAndEndsByItself() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> CustomGatewayExample.main(new String[0]));
    }
}
