package io.whatsdev.examples.support;

import java.time.Duration;
import java.util.function.Function;

import org.apache.camel.main.Main;

/** Runs an example's Camel Main against {@link ExampleGateway#fromEnvironment(String)}, ending once idle. */
public final class ExampleRunner {

    private ExampleRunner() {
    }

    /**
     * @param create builds the example's Camel Main for a gateway (the same method the example's test uses)
     * @param demoUnlink a simulator device whose phone unlinks a few seconds in, to show a status change; null for none
     */
    /** Where an example writes its files: its own {@code target/} when run with -Prun, else {@code target} here. */
    public static java.nio.file.Path outputDir() {
        return java.nio.file.Path.of(System.getProperty("example.outputDir", "target"));
    }

    public static void run(String title, String defaultGateway, String demoUnlink, Function<ExampleGateway, Main> create,
                           String[] args) throws Exception {
        try (ExampleGateway gateway = ExampleGateway.fromEnvironment(defaultGateway)) {
            System.out.println(title + " on " + gateway.describe());
            Main main = create.apply(gateway);
            // the demo ends itself once nothing has happened for a while
            main.addInitialProperty("camel.main.duration-max-idle-seconds", "8");
            if (demoUnlink != null) {
                gateway.unlinkLater(demoUnlink, Duration.ofSeconds(4));
            }
            main.run(args);
        }
    }
}
