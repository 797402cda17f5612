package io.whatsdev.examples.quickstart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A tiny terminal emulator for the QR test: paints lines of text with half-block characters, honouring the two ANSI
 * sequences the quickstart uses (black on bright white, reset), on a dark theme (light text on black) or a light one
 * (dark text on white). Each character cell is two modules high, one wide.
 */
final class TerminalScreen {

    private static final int SCALE = 6;

    private TerminalScreen() {
    }

    static BufferedImage paint(String[] lines, boolean darkTheme) {
        Color themeFg = darkTheme ? Color.LIGHT_GRAY : Color.DARK_GRAY;
        Color themeBg = darkTheme ? Color.BLACK : Color.WHITE;
        int width = 0;
        for (String line : lines) {
            width = Math.max(width, line.length());
        }
        BufferedImage img = new BufferedImage((width + 4) * SCALE, (lines.length * 2 + 4) * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(themeBg);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int row = 0; row < lines.length; row++) {
            Color fg = themeFg;
            Color bg = themeBg;
            int x = 0;
            String line = lines[row];
            for (int i = 0; i < line.length(); i++) {
                if (line.startsWith(TerminalQr.COLORS, i)) {
                    fg = Color.BLACK;
                    bg = Color.WHITE;
                    i += TerminalQr.COLORS.length() - 1;
                    continue;
                }
                if (line.startsWith(TerminalQr.RESET, i)) {
                    fg = themeFg;
                    bg = themeBg;
                    i += TerminalQr.RESET.length() - 1;
                    continue;
                }
                char c = line.charAt(i);
                boolean top = c == '\u2588' || c == '\u2580';
                boolean bottom = c == '\u2588' || c == '\u2584';
                g.setColor(top ? fg : bg);
                g.fillRect((x + 2) * SCALE, (row * 2 + 2) * SCALE, SCALE, SCALE);
                g.setColor(bottom ? fg : bg);
                g.fillRect((x + 2) * SCALE, (row * 2 + 3) * SCALE, SCALE, SCALE);
                x++;
            }
        }
        g.dispose();
        return img;
    }
}
