package io.whatsdev.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the gateway simulator from the command line until the process is stopped.
 *
 * <pre>
 * java -jar camel-whatsapp-devices-simulator-*-runnable.jar [--port N] [--seed] [--auto-scan-seconds N]
 * mvn -q -pl camel-whatsapp-devices-simulator exec:java -Dexec.args="--seed"
 * </pre>
 */
public final class SimulatorMain {

    private static final String USAGE = """
            Usage: SimulatorMain [--port N] [--seed] [--auto-scan-seconds N] [--help]

              --port N               port on 127.0.0.1 (default %d; 0 picks a free one)
              --seed                 create demo devices on every gateway
              --auto-scan-seconds N  pair a device N seconds after a gateway call issued its QR or pairing code
              --help                 print this help

            Gateways: %s
            """;

    /** The usage text, with the registered gateways (a method, so that a bad plug-in fails here, not in class loading). */
    static String usage() {
        return USAGE.formatted(GatewaySimulator.DEFAULT_PORT, String.join(", ", Gateway.ids()));
    }

    /** The parsed command line. */
    record Options(int port, boolean seed, Duration autoScan, boolean help) {

        static Options parse(String... args) {
            int port = GatewaySimulator.DEFAULT_PORT;
            boolean seed = false;
            Duration autoScan = null;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = number(args, ++i, "--port", 0, 65535);
                    case "--seed" -> seed = true;
                    case "--auto-scan-seconds" -> autoScan = Duration.ofSeconds(number(args, ++i, "--auto-scan-seconds", 0, 86400));
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            return new Options(port, seed, autoScan, help);
        }

        private static int number(String[] args, int i, String option, int min, int max) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a number");
            }
            try {
                int n = Integer.parseInt(args[i]);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(option + " must be " + min + "-" + max + ", was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not '" + args[i] + "'");
            }
        }
    }

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(usage());
            return;
        }
        GatewaySimulator sim = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "whatsdev-sim-shutdown"));
        describe(sim, options, System.out);
        stopped.await();
    }

    static GatewaySimulator start(Options options) {
        GatewaySimulator sim = GatewaySimulator.start(options.port());
        sim.autoScanAfter(options.autoScan());
        if (options.seed()) {
            sim.seedDemoDevices();
        }
        return sim;
    }

    /** Prints the base URLs, the (simulator-only) credentials and the devices. */
    static void describe(GatewaySimulator sim, Options options, PrintStream out) {
        out.println("whatsdev gateway simulator on " + sim.rootUrl() + " (Ctrl+C to stop)");
        out.println();
        out.printf("  %-14s %-48s %s%n", "gateway", "base URL", "credentials");
        for (Gateway g : Gateway.all()) {
            out.printf("  %-14s %-48s %s%n", g.id(), sim.baseUrl(g), g.plugin().credentials());
        }
        out.println();
        out.println("  admin: " + sim.rootUrl() + "/_admin/health, /_admin/{gateway}/devices, /_admin/{gateway}/devices/{id}/"
                    + String.join("|", AdminApi.ACTION_NAMES) + ", /_admin/{gateway}/faults, /_admin/{gateway}/settings, /_admin/reset");
        if (options.autoScan() != null) {
            out.println("  auto-scan: devices pair " + options.autoScan().toSeconds() + " s after their QR or pairing code is issued");
        }
        boolean any = false;
        for (Gateway g : Gateway.all()) {
            for (SimDevice d : sim.devices(g)) {
                if (!any) {
                    out.println();
                    out.println("  devices:");
                    any = true;
                }
                out.printf("    %-14s %-38s %-14s %s%s%n", g.id(), d.id(), d.state(), d.name() == null ? "" : d.name(),
                        d.key() == null ? "" : "  (key " + d.key() + ")");
            }
        }
    }
}
