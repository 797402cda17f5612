package io.whatsdev.examples.quickstart;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.whatsdev.examples.support.GatewayConnection;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whatsdev quickstart: on the embedded simulator (or a real gateway, by configuration), list the devices, create
 * one, show its QR code in the terminal and save it, and let the status-change consumer tell when the phone connects
 * and, after the demo unlinks it, disconnects. Ends with a summary, unless {@code --keep-running}.
 */
public final class Quickstart {

    private static final Logger OUT = LoggerFactory.getLogger("quickstart");

    /** The outcome, for the summary and for tests. */
    public record Summary(String gateway, String deviceId, Path qrFile, java.util.List<String> transitions, Duration took) {
    }

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        QuickstartSettings settings;
        try {
            settings = QuickstartSettings.from(args, System::getenv);
        } catch (QuickstartSettings.HelpRequested h) {
            System.out.print(QuickstartSettings.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(QuickstartSettings.USAGE);
            System.exit(2);
            return;
        }
        try {
            // a person scanning a QR code of a real gateway takes longer than the simulator's phone
            run(settings, io.whatsdev.examples.support.ExampleRunner.outputDir(), settings.simulated() ? Duration.ofSeconds(90) : Duration.ofMinutes(10));
        } catch (Exception e) {
            OUT.error("the quickstart failed: {}", e.getMessage());
            System.exit(1);
        }
        System.exit(0); // camel-main and the simulator leave non-daemon threads behind otherwise
    }

    /**
     * Runs the story; returns once the device connected and, on the simulator, disconnected again (with keepRunning,
     * at Ctrl-C). Fails with a TimeoutException when that does not happen within the timeout.
     */
    public static Summary run(QuickstartSettings settings, Path qrDir, Duration timeout) throws Exception {
        Instant start = Instant.now();
        GatewaySimulator sim = null;
        ScheduledExecutorService demo = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quickstart-demo");
            t.setDaemon(true);
            return t;
        });
        Main main = new Main();
        try {
            if (settings.simulated()) {
                sim = GatewaySimulator.start(0);
                // the simulated phone scans the QR code 4 s after it is shown
                sim.autoScanAfter(Duration.ofSeconds(4));
                GatewayConnection.simulator(settings.gateway(), sim).applyTo(main);
            } else {
                // on the component, so the route URIs carry no credentials
                settings.connection().applyTo(main);
            }
            OUT.info("whatsdev quickstart on {}", settings.describe());
            GatewaySimulator demoSim = sim;
            // on the simulator the demo goes on: the phone unlinks the device; on a real gateway the story ends there
            QuickstartRoutes routes = new QuickstartRoutes(settings, qrDir, demoSim == null ? null : id -> {
                OUT.info("   (demo) the phone unlinks the device in 3 s");
                demo.schedule(() -> demoSim.device(Gateway.of(settings.gateway()), id).unlink(), 3, TimeUnit.SECONDS);
            });
            main.configure().addRoutesBuilder(routes);
            main.configure().setName("whatsdev-quickstart");
            main.start();
            String id = routes.done.get(timeout.toSeconds(), TimeUnit.SECONDS);
            Summary summary = new Summary(settings.gateway(), id, routes.qrFile.get(), java.util.List.copyOf(routes.transitions),
                    Duration.between(start, Instant.now()));
            OUT.info("");
            OUT.info("Summary: device {} on {}{}", summary.deviceId(), summary.gateway(),
                    summary.qrFile() != null ? ", QR saved as " + summary.qrFile().toAbsolutePath() : "");
            OUT.info("         status changes seen: {}", String.join(", ", summary.transitions()));
            OUT.info("         took {} s", summary.took().toSeconds());
            if (settings.keepRunning()) {
                OUT.info("Still watching status changes (--keep-running); Ctrl-C to stop.");
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
                forever.await();
            }
            return summary;
        } finally {
            main.stop();
            demo.shutdownNow();
            if (sim != null) {
                sim.close();
            }
        }
    }
}
