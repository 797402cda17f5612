package io.whatsdev.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the simulator's QR codes back with ZXing: PNG directly, SVG by rasterizing its rects. */
public final class QrDecoding {

    private static final Pattern VIEWBOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RECT = Pattern.compile("<rect([^>]*)/>");
    private static final Pattern ATTR = Pattern.compile("\\b(x|y|width|height|fill)=\"([^\"]*)\"");

    private QrDecoding() {
    }

    public static String png(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image != null, "not an image");
            assertTrue(image.getWidth() >= 200 && image.getWidth() <= 300, "about 256 px wide: " + image.getWidth());
            return decode(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pngDataUri(String dataUri) {
        String prefix = "data:image/png;base64,";
        assertTrue(dataUri.startsWith(prefix), dataUri.substring(0, Math.min(40, dataUri.length())));
        return png(Base64.getDecoder().decode(dataUri.substring(prefix.length())));
    }

    /** Checks the SVG is a whole document and decodes it by drawing its rects at 4 px per unit. */
    public static String svg(String svg) {
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.endsWith("</svg>"),
                "an SVG document");
        return decode(rasterize(svg));
    }

    static BufferedImage rasterize(String svg) {
        Matcher vb = VIEWBOX.matcher(svg);
        assertTrue(vb.find(), "viewBox");
        int scale = 4;
        int w = Integer.parseInt(vb.group(1));
        int h = Integer.parseInt(vb.group(2));
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        Matcher r = RECT.matcher(svg);
        int rects = 0;
        while (r.find()) {
            int x = 0;
            int y = 0;
            int rw = 0;
            int rh = 0;
            String fill = "#000000";
            Matcher a = ATTR.matcher(r.group(1));
            while (a.find()) {
                switch (a.group(1)) {
                    case "x" -> x = Integer.parseInt(a.group(2));
                    case "y" -> y = Integer.parseInt(a.group(2));
                    case "width" -> rw = Integer.parseInt(a.group(2));
                    case "height" -> rh = Integer.parseInt(a.group(2));
                    default -> fill = a.group(2);
                }
            }
            g.setColor(Color.decode(fill));
            g.fillRect(x * scale, y * scale, rw * scale, rh * scale);
            rects++;
        }
        g.dispose();
        assertTrue(rects > 20, "rects drawn: " + rects);
        return img;
    }

    /**
     * The QR code's text. The images are rendered codes, not photos: read them as pure barcodes first (the default
     * detector misses some finder-pattern layouts, which made this flaky), then with the detector, both trying hard.
     */
    private static String decode(BufferedImage image) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        java.util.Map<com.google.zxing.DecodeHintType, Object> pure = java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE,
                Boolean.TRUE, com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
        java.util.Map<com.google.zxing.DecodeHintType, Object> hard = java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER,
                Boolean.TRUE);
        for (java.util.Map<com.google.zxing.DecodeHintType, Object> hints : java.util.List.of(pure, hard)) {
            try {
                return new MultiFormatReader().decode(bitmap, hints).getText();
            } catch (NotFoundException e) {
                // the next way of reading
            }
        }
        throw new AssertionError("no QR code found in the image");
    }
}
