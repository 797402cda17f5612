package io.whatsdev.camel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import io.whatsdev.camel.model.QrCode;

/** Makes and reads real QR codes in tests (ZXing). */
public final class QrTestSupport {

    private QrTestSupport() {
    }

    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 200, 200);
        } catch (com.google.zxing.WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] png(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix(text), "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal SVG of the QR: one 1x1 rect per dark module. */
    public static String svg(String text) {
        BitMatrix m = matrix(text);
        StringBuilder sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " "
                                             + m.getHeight() + "\">");
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    sb.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"1\" height=\"1\"/>");
                }
            }
        }
        return sb.append("</svg>").toString();
    }

    /** Decodes a QR code's image: PNG directly, SVG by rasterizing its rects. */
    public static String decode(QrCode qr) {
        try {
            BufferedImage image = QrCode.MEDIA_TYPE_SVG.equals(qr.getMediaType()) ? rasterize(new String(qr.getImage()))
                    : ImageIO.read(new ByteArrayInputStream(qr.getImage()));
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            // rendered codes, not photos: as pure barcodes first (the detector misses some layouts), then detected
            for (java.util.Map<com.google.zxing.DecodeHintType, Object> hints : java.util.List.of(
                    java.util.Map.<com.google.zxing.DecodeHintType, Object> of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                            com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE),
                    java.util.Map.<com.google.zxing.DecodeHintType, Object> of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))) {
                try {
                    return new MultiFormatReader().decode(bitmap, hints).getText();
                } catch (NotFoundException e) {
                    // the next way of reading
                }
            }
            throw new AssertionError("no QR code found in the image");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern VIEWBOX = Pattern.compile("viewBox=\"\\s*[-0-9.]+\\s+[-0-9.]+\\s+([0-9.]+)\\s+([0-9.]+)\"");
    private static final Pattern RECT = Pattern.compile("<rect([^>]*)/?>");
    private static final Pattern ATTR = Pattern.compile("(x|y|width|height|fill)=\"([^\"]*)\"");

    /** Rasterizes an SVG made of rects (the form the simulator and gateways use) at 4 px per unit, with a quiet zone. */
    public static BufferedImage rasterize(String svg) {
        Matcher vb = VIEWBOX.matcher(svg);
        if (!vb.find()) {
            throw new AssertionError("SVG without viewBox: " + svg.substring(0, Math.min(120, svg.length())));
        }
        int scale = 4;
        int quiet = 8;
        int w = (int) Double.parseDouble(vb.group(1));
        int h = (int) Double.parseDouble(vb.group(2));
        BufferedImage img = new BufferedImage((w + 2 * quiet) * scale, (h + 2 * quiet) * scale, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(java.awt.Color.BLACK);
        Matcher r = RECT.matcher(svg);
        while (r.find()) {
            double x = 0, y = 0, rw = 0, rh = 0;
            String fill = null;
            Matcher a = ATTR.matcher(r.group(1));
            while (a.find()) {
                switch (a.group(1)) {
                    case "x" -> x = Double.parseDouble(a.group(2));
                    case "y" -> y = Double.parseDouble(a.group(2));
                    case "width" -> rw = Double.parseDouble(a.group(2));
                    case "height" -> rh = Double.parseDouble(a.group(2));
                    default -> fill = a.group(2);
                }
            }
            if (fill != null && (fill.equalsIgnoreCase("#fff") || fill.equalsIgnoreCase("#ffffff") || fill.equalsIgnoreCase("white"))) {
                continue;
            }
            g.fillRect((int) Math.round((x + quiet) * scale), (int) Math.round((y + quiet) * scale),
                    (int) Math.round(rw * scale), (int) Math.round(rh * scale));
        }
        g.dispose();
        return img;
    }
}
