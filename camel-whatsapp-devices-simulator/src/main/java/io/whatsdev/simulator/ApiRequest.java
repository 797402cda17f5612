package io.whatsdev.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request as a gateway API sees it: its path segments below a base, path parameters, query, headers and body. */
public final class ApiRequest {

    /** The body is not what the call needs; answered with HTTP 400 in the gateway's error envelope. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private final RecordedRequest recorded;
    private final List<String> segments;
    private final Map<String, String> params;
    private final Map<String, String> query;
    private ObjectNode json;

    ApiRequest(RecordedRequest recorded, List<String> segments) {
        this(recorded, segments, Map.of(), parseQuery(recorded.query()));
    }

    private ApiRequest(RecordedRequest recorded, List<String> segments, Map<String, String> params, Map<String, String> query) {
        this.recorded = recorded;
        this.segments = List.copyOf(segments);
        this.params = params;
        this.query = query;
    }

    /** The same request with path parameters. */
    ApiRequest withParams(Map<String, String> params) {
        return new ApiRequest(recorded, segments, Map.copyOf(params), query);
    }

    /** The same request with the first {@code n} segments removed. */
    ApiRequest below(int n) {
        return new ApiRequest(recorded, segments.subList(n, segments.size()), params, query);
    }

    public String method() {
        return recorded.method();
    }

    public List<String> segments() {
        return segments;
    }

    public String param(String name) {
        return params.get(name);
    }

    public String query(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return recorded.header(name);
    }

    /**
     * The body as a JSON object: JSON, or a form ({@code application/x-www-form-urlencoded}) read as string fields; an
     * empty object when there is no body. Malformed JSON is a {@link BadRequest}.
     */
    public synchronized ObjectNode json() {
        if (json == null) {
            json = parseBody();
        }
        return json;
    }

    /** A text field of the body, or null. */
    public String field(String name) {
        return Json.text(json(), name);
    }

    private ObjectNode parseBody() {
        String body = recorded.body();
        if (body == null || body.isBlank()) {
            return Json.object();
        }
        String type = header("content-type");
        if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            ObjectNode form = Json.object();
            parseQuery(body).forEach(form::put);
            return form;
        }
        try {
            JsonNode node = Json.parse(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
            throw new BadRequest("the request body must be a JSON object");
        } catch (JsonProcessingException e) {
            throw new BadRequest("the request body is not valid JSON");
        }
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
