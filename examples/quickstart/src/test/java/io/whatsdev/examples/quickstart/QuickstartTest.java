package io.whatsdev.examples.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
                Map.of("WHATSDEV_GATEWAY", "witime", "WHATSDEV_TOKEN", "sekret-key-123", "WHATSDEV_BASE_URL", "https://api.witi.me")::get);
        assertFalse(s.simulated());
        assertTrue(s.keepRunning());
        assertEquals("witime", s.gateway());
        assertFalse(s.describe().contains("sekret-key-123"), s.describe());
        assertThrows(IllegalArgumentException.class, () -> QuickstartSettings.from(new String[] { "--bogus" }, k -> null));
    }

    @Test
    void terminalRenderingScansBack() throws Exception {
        String art = TerminalQr.render("whatsdev-sim:whatspie:2076:abc");
        String[] lines = art.split("\n");
        int width = lines[0].length();
        // each character is two modules, top and bottom; drawn (light) halves are white, blanks are dark
        int scale = 6;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage((width + 4) * scale, (lines.length * 2 + 4) * scale,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int row = 0; row < lines.length; row++) {
            assertEquals(width, lines[row].length(), "square: every line as wide");
            for (int x = 0; x < width; x++) {
                char c = lines[row].charAt(x);
                boolean topLight = c == '\u2588' || c == '\u2580';
                boolean bottomLight = c == '\u2588' || c == '\u2584';
                boolean margin = x < 4; // the left indent is terminal background (dark)
                g.setColor(topLight && !margin ? java.awt.Color.WHITE : java.awt.Color.BLACK);
                g.fillRect((x + 2) * scale, (row * 2 + 2) * scale, scale, scale);
                g.setColor(bottomLight && !margin ? java.awt.Color.WHITE : java.awt.Color.BLACK);
                g.fillRect((x + 2) * scale, (row * 2 + 3) * scale, scale, scale);
            }
        }
        g.dispose();
        // on a dark terminal the drawn halves are light and the blanks dark: the QR code's own polarity
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        java.util.Map<com.google.zxing.DecodeHintType, Object> hints = java.util.Map.of(com.google.zxing.DecodeHintType.ALSO_INVERTED, true);
        String text = new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(img))), hints).getText();
        assertEquals("whatsdev-sim:whatspie:2076:abc", text);
    }
}
