package io.whatsdev.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** An answer of the simulator: status, content type, body and extra headers. */
public record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String PNG = "image/png";

    public static SimResponse json(int status, JsonNode body) {
        return new SimResponse(status, JSON, Json.bytes(body), Map.of());
    }

    public static SimResponse text(int status, String contentType, String body) {
        return new SimResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static SimResponse bytes(int status, String contentType, byte[] body) {
        return new SimResponse(status, contentType, body, Map.of());
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new SimResponse(status, contentType, body, Map.copyOf(h));
    }
}
