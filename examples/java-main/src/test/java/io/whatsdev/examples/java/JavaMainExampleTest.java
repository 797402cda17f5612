package io.whatsdev.examples.java;

import io.whatsdev.examples.support.ExampleScenarios;
import org.junit.jupiter.api.Test;

/** The example's routes on Camel Main against the simulator: the report, then a status change. */
class JavaMainExampleTest {

    @Test
    void reportsEveryDeviceThenEachChange() throws Exception {
        ExampleScenarios.reportsEveryDeviceThenEachChange(JavaMainExample::create);
    }
}
