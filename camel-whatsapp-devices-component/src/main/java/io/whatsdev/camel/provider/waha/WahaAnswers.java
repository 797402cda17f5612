package io.whatsdev.camel.provider.waha;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.whatsdev.camel.provider.HttpTransport;
import io.whatsdev.camel.provider.Transport;
import io.whatsdev.camel.provider.WireJson;

/**
 * The two successful answers of WAHA that are not JSON, made readable for the shared JSON path of
 * {@link io.whatsdev.camel.provider.GatewayClient} (which reads only JSON answers, and has no hook for another kind):
 * <ul>
 * <li>the QR code as the PNG's own bytes ({@code image/png}, what WAHA sends unless the {@code Accept} header is
 * exactly {@code application/json}): the bytes are handed on as WAHA's own JSON form of the same answer,
 * {@code {"mimetype":"image/png","data":"<base64>"}}, so that both forms are read by one method. Only for a call that
 * asked for an image ({@code Accept} names {@code image/}) and only for a 2xx answer whose content type is
 * {@code image/*};</li>
 * <li>the empty body of {@code DELETE /api/sessions/{session}} (200, documented empty): handed on as {@code {}}. Only
 * for a 2xx answer to a {@code DELETE} whose body is empty or blank.</li>
 * </ul>
 * Everything else (every failure, every other answer) passes untouched. The body is still read through the
 * transport's bounded stream, so {@code maxResponseSize} and the call deadline apply as to any answer.
 */
final class WahaAnswers implements Transport {

    private final Transport delegate;

    WahaAnswers(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T send(String method, URI uri, Map<String, String> headers, byte[] jsonBody, HttpTransport.Limits limits,
                      HttpTransport.ResponseReader<T> reader) throws IOException {
        boolean wantsImage = accepts(headers, "image/");
        boolean delete = "DELETE".equalsIgnoreCase(method);
        if (!wantsImage && !delete) {
            return delegate.send(method, uri, headers, jsonBody, limits, reader);
        }
        return delegate.send(method, uri, headers, jsonBody, limits, r -> reader.read(reshape(r, wantsImage, delete)));
    }

    private static HttpTransport.Response reshape(HttpTransport.Response r, boolean wantsImage, boolean delete)
            throws IOException {
        if (r.status() < 200 || r.status() >= 300) {
            return r;
        }
        if (wantsImage && isImage(r.contentType())) {
            byte[] image = r.body().readAllBytes(); // bounded by maxResponseSize
            Map<String, String> file = new LinkedHashMap<>();
            file.put("mimetype", mediaType(r.contentType()));
            file.put("data", Base64.getEncoder().encodeToString(image));
            return json(r, WireJson.MAPPER.writeValueAsBytes(file));
        }
        if (delete) {
            byte[] body = r.body().readAllBytes(); // bounded by maxResponseSize
            if (new String(body, StandardCharsets.UTF_8).isBlank()) {
                return json(r, new byte[] { '{', '}' });
            }
            return new HttpTransport.Response(r.status(), r.contentType(), r.retryAfter(), r.location(), body.length,
                    new ByteArrayInputStream(body));
        }
        return r;
    }

    private static HttpTransport.Response json(HttpTransport.Response r, byte[] body) {
        return new HttpTransport.Response(r.status(), "application/json", r.retryAfter(), r.location(), body.length,
                new ByteArrayInputStream(body));
    }

    private static boolean accepts(Map<String, String> headers, String prefix) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("Accept".equalsIgnoreCase(h.getKey()) && h.getValue() != null
                && h.getValue().toLowerCase(Locale.ROOT).contains(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImage(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("image/");
    }

    /** The media type without parameters, lower case: {@code image/png; charset=x} is {@code image/png}. */
    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
