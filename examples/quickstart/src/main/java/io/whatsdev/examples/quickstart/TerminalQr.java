package io.whatsdev.examples.quickstart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import io.whatsdev.camel.model.QrCode;

/**
 * Shows a QR code in the terminal with block characters (two modules per character cell, so it stays square and
 * scannable) and saves the image.
 */
final class TerminalQr {

    private TerminalQr() {
    }

    /** The QR image: its own bytes, or fetched from the gateway's link. */
    static byte[] imageOf(QrCode qr) throws IOException, InterruptedException {
        if (qr.hasImage()) {
            return qr.getImage();
        }
        HttpResponse<byte[]> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(HttpRequest.newBuilder(URI.create(qr.getLink())).timeout(Duration.ofSeconds(20)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("the QR link answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** Saves the image next to the working directory; returns the file. */
    static Path save(byte[] image, String mediaType, Path dir, String deviceId) throws IOException {
        String ext = mediaType != null && mediaType.contains("svg") ? "svg" : "png";
        Files.createDirectories(dir);
        Path file = dir.resolve("whatsdev-qr-" + deviceId.replaceAll("[^A-Za-z0-9._-]", "_") + "." + ext);
        Files.write(file, image);
        return file;
    }

    /** Reads the QR's content from a PNG (or other raster) image. */
    static String decode(byte[] image) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
        if (img == null) {
            throw new IOException("not a raster image");
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
        // a gateway's QR image is a rendered code, not a photo: read it as a pure barcode first (the detector alone
        // misses some finder-pattern layouts), then with the detector, both trying hard
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
        throw new IOException("no QR code found in the image");
    }

    /** Black on bright white, whatever the terminal's theme: a QR code must be dark on light to scan everywhere. */
    static final String COLORS = "\u001b[30;107m";
    static final String RESET = "\u001b[0m";

    /**
     * The QR code of that text, as terminal lines: dark modules drawn in black on a white background that the lines
     * set themselves (ANSI colors), so that it is dark on light, as scanners expect, on a dark terminal theme and on a
     * light one; quiet zone included.
     */
    static String render(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            sb.append("    ").append(COLORS);
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = m.get(x, y);
                boolean bottom = y + 1 < m.getHeight() && m.get(x, y + 1);
                // two modules a character: the dark ones are drawn (black), the light ones are the white background
                sb.append(top ? (bottom ? '\u2588' : '\u2580') : (bottom ? '\u2584' : ' '));
            }
            sb.append(RESET).append('\n');
        }
        return sb.toString();
    }
}
