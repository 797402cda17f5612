package io.whatsdev.examples.xml;

import io.whatsdev.examples.support.ExampleScenarios;
import org.junit.jupiter.api.Test;

/** The example's routes on Camel Main against the simulator: the report, then a status change. */
class XmlMainExampleTest {

    @Test
    void reportsEveryDeviceThenEachChange() throws Exception {
        ExampleScenarios.reportsEveryDeviceThenEachChange(XmlMainExample::create);
    }
}
