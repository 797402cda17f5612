package io.whatsdev.examples.quickstart;

import java.io.Closeable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.RecordedRequest;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quickstart, non-interactive, on the embedded simulator: the whole story to its summary. */
class QuickstartTest {

    @TempDir
    Path dir;

    @Test
    void runsTheWholeStoryOnTheSimulator() throws Exception {
        QuickstartSettings settings = QuickstartSettings.from(new String[0], Map.<String, String>of()::get);
        assertTrue(settings.simulated());
        Quickstart.Summary s = Quickstart.run(settings, dir, Duration.ofSeconds(60));
        assertEquals("whatspie", s.gateway());
        assertTrue(s.transitions().contains("AWAITING_SCAN -> CONNECTED"), s.transitions().toString());
        assertEquals("CONNECTED -> DISCONNECTED", s.transitions().get(s.transitions().size() - 1));
        assertTrue(Files.size(s.qrFile()) > 100);
        // the saved PNG is a real, scannable QR code
        assertTrue(TerminalQr.decode(Files.readAllBytes(s.qrFile())).startsWith("whatsdev-sim:whatspie:"));
    }

    @Test
    void realGatewaySettingsComeFromTheEnvironmentAndHideSecrets() {
        QuickstartSettings s = QuickstartSettings.from(new String[] { "--keep-running" },
                Map.of("WHATSDEV_GATEWAY", "Wassly", "WHATSDEV_API_KEY", "sekret-key-123", "WHATSDEV_USERNAME", "me@example.com",
                        "WHATSDEV_PASSWORD", "pa55word", "WHATSDEV_BASE_URL", "https://api.wassly.co/api")::get);
        assertFalse(s.simulated());
        assertTrue(s.keepRunning());
        assertEquals("wassly", s.gateway());
        assertEquals("me@example.com", s.connection().username());
        for (String secret : new String[] { "sekret-key-123", "me@example.com", "pa55word" }) {
            assertFalse(s.describe().contains(secret), s.describe());
            assertFalse(s.toString().contains(secret), s.toString());
        }
        assertEquals("wassly at https://api.wassly.co/api (API key, username, password set, hidden)", s.describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuickstartSettings.from(new String[] { "--bogus" }, k -> null));
        assertEquals("unknown argument '--bogus'; allowed: --keep-running, --help", e.getMessage());
    }

    /**
     * The same application on a gateway given by configuration only: a simulator started apart stands in for the real
     * gateway (the quickstart does not know it is one), its phone scans the QR code, and the story ends at CONNECTED.
     * The token reaches the gateway and never the console.
     */
    @Test
    void runsOnAGatewayGivenByConfigurationOnly() throws Exception {
        StringWriter console = new StringWriter();
        try (GatewaySimulator gateway = GatewaySimulator.start(0); Closeable capture = captureConsole(console)) {
            gateway.autoScanAfter(Duration.ofSeconds(2));
            QuickstartSettings settings = QuickstartSettings.from(new String[0], Map.of("WHATSDEV_GATEWAY", "whatspie",
                    "WHATSDEV_BASE_URL", gateway.baseUrl(Gateway.of("whatspie")), "WHATSDEV_TOKEN", SimulatorCredentials.TOKEN)::get);
            assertFalse(settings.simulated());

            Quickstart.Summary s = Quickstart.run(settings, dir, Duration.ofSeconds(60));

            assertEquals(List.of("UNKNOWN -> AWAITING_SCAN", "AWAITING_SCAN -> CONNECTED"), s.transitions());
            assertEquals(1, gateway.devices(Gateway.of("whatspie")).size(), "the quickstart created one device on the gateway");
            assertEquals(s.deviceId(), gateway.devices(Gateway.of("whatspie")).get(0).id());
            // every API call carries the configured token (the QR link is a plain image URL, fetched as a browser would)
            List<RecordedRequest> calls = gateway.requests(Gateway.of("whatspie")).stream().filter(r -> r.path().startsWith("/whatspie/devices")).toList();
            assertTrue(calls.size() >= 4, calls::toString);
            assertTrue(calls.stream().allMatch(r -> ("Bearer " + SimulatorCredentials.TOKEN).equals(r.header("Authorization"))),
                    calls::toString);
            assertEquals("whatspie:" + s.deviceId(), TerminalQr.decode(Files.readAllBytes(s.qrFile()))
                    .replaceAll("^whatsdev-sim:(whatspie):([^:]+):.*$", "$1:$2"));
        }
        String out = console.toString();
        assertTrue(out.contains("whatsdev quickstart on whatspie at http://127.0.0.1:"), out);
        assertTrue(out.contains("(token set, hidden)"), out);
        assertTrue(out.contains("AWAITING_SCAN -> CONNECTED"), out);
        assertFalse(out.contains("(demo)"), "nothing unlinks a real phone: " + out);
        assertFalse(out.contains(SimulatorCredentials.TOKEN), "the token was printed: " + out);
    }

    /** Adds an appender that copies what the quickstart prints (its own lines and Camel's warnings). */
    private static Closeable captureConsole(StringWriter into) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName("capture").setTarget(into)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, null, null);
        config.getLoggerConfig("quickstart").addAppender(appender, null, null);
        ctx.updateLoggers();
        return () -> {
            config.getRootLogger().removeAppender("capture");
            config.getLoggerConfig("quickstart").removeAppender("capture");
            ctx.updateLoggers();
            appender.stop();
        };
    }

    /** Scanned off an emulated terminal with a dark theme and with a light one, in the QR code's normal polarity. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = { true, false })
    void terminalRenderingScansBackOnDarkAndLightThemes(boolean darkTheme) throws Exception {
        String art = TerminalQr.render("whatsdev-sim:whatspie:2076:abc");
        String[] lines = art.split("\n");
        java.awt.image.BufferedImage img = TerminalScreen.paint(lines, darkTheme);
        // no ALSO_INVERTED hint: the code must read dark on light, as a phone's scanner expects
        String text = new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(img))))
                .getText();
        assertEquals("whatsdev-sim:whatspie:2076:abc", text);
        for (String line : lines) {
            assertEquals(lines[0].length(), line.length(), "square: every line as wide");
        }
    }
}
