package io.whatsdev.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/** Real QR codes (ZXing) of a pairing token, as PNG, as a data URI and as an SVG of the module grid. */
public final class QrCodes {

    static final int PNG_SIZE = 256;

    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 4);

    private QrCodes() {
    }

    /** The QR code at {@code size} pixels; size 0 gives one pixel per module (with the 4-module quiet zone). */
    static BitMatrix matrix(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
    }

    public static byte[] png(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix(text, PNG_SIZE), "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pngDataUri(String text) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
    }

    /**
     * An SVG document of the module grid: a white background and one black {@code rect} per horizontal run of dark
     * modules, in a {@code viewBox} of one unit per module.
     */
    public static String svg(String text) {
        BitMatrix m = matrix(text, 0);
        int w = m.getWidth();
        int h = m.getHeight();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append(w * 8).append("\" height=\"").append(h * 8).append("\" shape-rendering=\"crispEdges\">")
                .append("<rect width=\"").append(w).append("\" height=\"").append(h).append("\" fill=\"#ffffff\"/>");
        for (int y = 0; y < h; y++) {
            int x = 0;
            while (x < w) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < w && m.get(x, y)) {
                    x++;
                }
                sb.append("<rect x=\"").append(start).append("\" y=\"").append(y).append("\" width=\"").append(x - start)
                        .append("\" height=\"1\" fill=\"#000000\"/>");
            }
        }
        return sb.append("</svg>").toString();
    }

    public static String svgBase64(String text) {
        return Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
    }
}
