package io.whatsdev.examples.yaml;

import io.whatsdev.examples.support.ExampleGateway;
import io.whatsdev.examples.support.ExampleRunner;
import org.apache.camel.main.Main;

/**
 * The YAML routes of {@code src/main/resources/routes/} on Camel Main, against the embedded simulator (or a real
 * gateway, see ExampleGateway). Plain Camel Main works too: {@code application.properties} points at the standalone
 * simulator.
 */
public final class YamlMainExample {

    private YamlMainExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner.run("whatsdev YAML DSL example", "whatspie", null, YamlMainExample::create, args);
    }

    public static Main create(ExampleGateway gateway) {
        // routes-include-pattern comes from application.properties, as for plain Camel Main
        return gateway.configure(new Main());
    }
}
