package io.whatsdev.camel.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A callback (webhook delivery) a gateway made to whatsdev, as received: header names in lower case, the query's
 * parameters, and the raw body bytes (signatures are computed over the raw bytes, never over re-serialized JSON).
 * Immutable apart from the body array, which a {@link CallbackDecoder} must not change.
 *
 * @param headers header name (lower case) to its values, in order
 * @param query   query parameter to its first value
 * @param body    the body as received; empty, never null
 */
public record Callback(Map<String, List<String>> headers, Map<String, String> query, byte[] body) {

    public Callback {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>()).addAll(v));
        h.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(h);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
