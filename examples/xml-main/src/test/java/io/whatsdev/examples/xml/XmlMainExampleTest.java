package io.whatsdev.examples.xml;

import java.util.List;

import io.whatsdev.examples.support.ExampleGateway;
import io.whatsdev.examples.support.StatusRecorder;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example's routes on Camel Main against the simulator: the report, then a status change. */
class XmlMainExampleTest {

    @Test
    void reportsEveryDeviceThenEachChange() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start()) {
            sim.createDevice(Gateway.WHATSPIE, "2076", "Support");
            sim.createDevice(Gateway.WHATSPIE, "5", "Sales").scan();
            StatusRecorder recorder = new StatusRecorder();
            Main main = XmlMainExample.create(ExampleGateway.simulated("whatspie", sim));
            main.bind("statusRecorder", recorder);
            main.start();
            try {
                StatusRecorder.await(recorder.statuses, 2);
                assertEquals(List.of("2076=AWAITING_SCAN", "5=CONNECTED"), recorder.statuses.stream().sorted().toList());
                Thread.sleep(1500); // the consumer's first poll records the devices
                sim.device(Gateway.WHATSPIE, "5").unlink();
                StatusRecorder.await(recorder.changes, 1);
                assertEquals(List.of("5: CONNECTED -> DISCONNECTED"), recorder.changes);
            } finally {
                main.stop();
            }
        }
    }
}
