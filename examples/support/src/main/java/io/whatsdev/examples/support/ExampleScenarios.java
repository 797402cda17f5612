package io.whatsdev.examples.support;

import java.util.List;
import java.util.function.Function;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.main.Main;

/** Scenarios the examples' tests share, run against a fresh simulator. */
public final class ExampleScenarios {

    private ExampleScenarios() {
    }

    /**
     * The report-and-watch examples (Java DSL, XML DSL): every device's status is reported, then a phone that unlinks
     * gives exactly one change.
     */
    public static void reportsEveryDeviceThenEachChange(Function<ExampleGateway, Main> create) throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start()) {
            sim.createDevice(Gateway.of("whatspie"), "2076", "Support");
            sim.createDevice(Gateway.of("whatspie"), "5", "Sales").scan();
            StatusRecorder recorder = new StatusRecorder();
            Main main = create.apply(ExampleGateway.simulated("whatspie", sim));
            main.bind("statusRecorder", recorder);
            main.start();
            try {
                StatusRecorder.await(recorder.statuses, 2);
                expect(List.of("2076=AWAITING_SCAN", "5=CONNECTED"), recorder.statuses.stream().sorted().toList());
                Thread.sleep(1500); // the consumer's first poll records the devices
                sim.device(Gateway.of("whatspie"), "5").unlink();
                StatusRecorder.await(recorder.changes, 1);
                Thread.sleep(1500); // more polls: nothing more may come
                expect(List.of("5: CONNECTED -> DISCONNECTED"), recorder.changes);
            } finally {
                main.stop();
            }
        }
    }

    private static void expect(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but was " + actual);
        }
    }
}
