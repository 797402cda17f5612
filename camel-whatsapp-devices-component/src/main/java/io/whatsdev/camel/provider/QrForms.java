package io.whatsdev.camel.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import io.whatsdev.camel.model.QrCode;

/**
 * The forms a gateway's QR field comes in, whatever its documentation shows: a {@code data:<type>;base64,} URI, plain
 * base64 of the image (PNG, JPEG or SVG, recognised by its first bytes), or an http(s) link to a QR page where the
 * gateway documents one. Shared by all gateways, so that each accepts every form.
 */
final class QrForms {

    /** A decoded QR value: image bytes with their media type, or a link. */
    record Decoded(byte[] image, String mediaType, String link) {
    }

    private QrForms() {
    }

    /** The decoded value, or null where it is none of the forms. */
    static Decoded decode(String value, boolean linkAllowed) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return linkAllowed && Inputs.isHttpUrl(v) ? new Decoded(null, null, v) : null;
        }
        if (lower.startsWith("data:")) {
            return dataUri(v);
        }
        byte[] bytes = base64(v);
        String type = bytes == null ? null : sniff(bytes);
        return type == null ? null : new Decoded(bytes, type, null);
    }

    private static Decoded dataUri(String v) {
        int comma = v.indexOf(',');
        int semi = v.indexOf(';');
        if (comma < 0 || semi < 5 || semi > comma || !v.regionMatches(true, semi, ";base64", 0, 7)) {
            return null;
        }
        byte[] bytes = base64(v.substring(comma + 1));
        String sniffed = bytes == null ? null : sniff(bytes);
        // the bytes decide: a data URI that says image/png around an SVG is an SVG
        return sniffed == null ? null : new Decoded(bytes, sniffed, null);
    }

    /** The image type of the bytes, or null where they are not an image whatsdev knows. */
    static String sniff(byte[] b) {
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return QrCode.MEDIA_TYPE_PNG;
        }
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        String start = new String(b, 0, Math.min(b.length, 512), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (start.startsWith("<svg") || start.startsWith("<?xml") && start.contains("<svg")) {
            return QrCode.MEDIA_TYPE_SVG;
        }
        return null;
    }

    /** Strict base64 or base64url (line breaks allowed); null where the value is empty or not base64. */
    private static byte[] base64(String value) {
        String v = value.replaceAll("\\s", "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(v);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }
}
