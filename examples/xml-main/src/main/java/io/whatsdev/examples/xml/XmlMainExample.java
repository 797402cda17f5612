package io.whatsdev.examples.xml;

import io.whatsdev.examples.support.ExampleGateway;
import io.whatsdev.examples.support.ExampleRunner;
import org.apache.camel.main.Main;

/**
 * whatsdev from the XML DSL on Camel Main: the routes are in {@code src/main/resources/routes/devices.xml}.
 */
public final class XmlMainExample {

    private XmlMainExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner.run("whatsdev XML DSL example", "whatspie", "5", XmlMainExample::create, args);
    }

    public static Main create(ExampleGateway gateway) {
        Main main = gateway.configure(new Main());
        main.configure().withRoutesIncludePattern("classpath:routes/*.xml");
        return main;
    }
}
