package io.whatsdev.camel.provider.waha;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks an HTTP request against an OpenAPI 3.x document (here WAHA's), as a test's assertion: a small validator of
 * what whatsdev's requests use, written out so that what it checks is plain.
 * <ul>
 * <li>the path matches one of the spec's path templates (a literal segment beats a {@code {param}}), and the method is
 * declared for it;</li>
 * <li>every path parameter and query parameter is declared (operation or path level), every required query or header
 * parameter is there, and each value is valid against its schema (read as its type: {@code true}/{@code false} for a
 * boolean, digits for a number, each value of a repeated name for an array);</li>
 * <li>one of the operation's security requirements (else the document's) is met: an {@code apiKey} scheme by its
 * header, query parameter or cookie, {@code http} {@code bearer}/{@code basic} by {@code Authorization};
 * {@code oauth2} and {@code openIdConnect} are never met by a request of whatsdev;</li>
 * <li>a body only where the operation declares one, with a declared media type, and, for JSON, valid against the
 * schema: {@code $ref} (within the document), {@code type} (and {@code nullable}), {@code enum}, {@code const},
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code minItems}/{@code maxItems},
 * {@code uniqueItems}, {@code minLength}/{@code maxLength}, {@code pattern}, {@code minimum}/{@code maximum} (and
 * exclusive), {@code multipleOf}, {@code minProperties}/{@code maxProperties}, {@code allOf}, {@code anyOf},
 * {@code oneOf}, {@code not}. Annotations ({@code description}, {@code example}, {@code default}, {@code format},
 * {@code readOnly}, ...) are not checked. Any other keyword in a schema the request reaches is reported as a problem:
 * the validator never passes a body it did not check.</li>
 * </ul>
 */
public final class OpenApiRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keywords that say nothing about validity. */
    private static final Set<String> ANNOTATIONS = Set.of("description", "example", "examples", "default", "title", "format",
            "deprecated", "readOnly", "writeOnly", "$comment", "externalDocs", "xml", "discriminator", "contentMediaType",
            "contentEncoding", "nullable");

    /** Keywords this validator checks. */
    private static final Set<String> CHECKED = Set.of("$ref", "type", "enum", "const", "properties", "required",
            "additionalProperties", "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minProperties", "maxProperties",
            "allOf", "anyOf", "oneOf", "not");

    private final JsonNode spec;

    private OpenApiRequests(JsonNode spec) {
        this.spec = spec;
    }

    /** The spec as it is, from a class path resource. */
    public static OpenApiRequests of(String resource) {
        return new OpenApiRequests(read(resource));
    }

    /**
     * WAHA's spec with its erratum corrected: {@code WebhookConfig.events} items are typed as objects, but WAHA's docs,
     * examples and source send strings ({@code "session.status"}, {@code "*"}); see contract/waha/README.md. Fails where
     * the spec no longer has that error, so that the correction goes when the spec is fixed.
     */
    public static OpenApiRequests waha() {
        JsonNode spec = read("/contract/waha/waha-openapi.json");
        JsonNode events = spec.at("/components/schemas/WebhookConfig/properties/events");
        if (!"object".equals(events.path("items").path("type").asText())) {
            throw new IllegalStateException("the WAHA spec's WebhookConfig.events items are no longer typed as objects: drop the "
                                            + "erratum in OpenApiRequests.waha(); they are " + events.path("items"));
        }
        // erratum: events are strings ("session.status", "*"), as WAHA's docs, examples and source send them
        ((ObjectNode) events).putObject("items").put("type", "string");
        return new OpenApiRequests(spec);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiRequests.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every problem of the request. */
    public void assertValid(String method, String rawPath, String rawQuery, Map<String, String> headers, String body) {
        List<String> problems = problems(method, rawPath, rawQuery, headers, body);
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery)
                                     + " does not conform to the OpenAPI spec:\n  " + String.join("\n  ", problems));
        }
    }

    /** The request's problems; empty where it conforms. Header names are matched without regard to case. */
    public List<String> problems(String method, String rawPath, String rawQuery, Map<String, String> headers, String body) {
        List<String> problems = new ArrayList<>();
        Map<String, String> hdrs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        hdrs.putAll(headers);
        Match match = match(rawPath);
        if (match == null) {
            problems.add("no path of the spec matches " + rawPath);
            return problems;
        }
        JsonNode operation = match.item().get(method.toLowerCase(Locale.ROOT));
        if (operation == null || !operation.isObject()) {
            List<String> declared = new ArrayList<>();
            match.item().fieldNames().forEachRemaining(m -> {
                if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(m)) {
                    declared.add(m.toUpperCase(Locale.ROOT));
                }
            });
            problems.add(method + " is not declared for " + match.template() + " (declared: " + declared + ")");
            return problems;
        }
        String where = method + " " + match.template();
        List<JsonNode> parameters = parameters(match.item(), operation);
        // path parameters
        match.values().forEach((name, value) -> {
            JsonNode p = parameter(parameters, name, "path");
            if (p == null) {
                problems.add(where + ": path parameter '" + name + "' is not declared");
            } else {
                validate(p.path("schema"), asType(p.path("schema"), value), "path parameter " + name, problems);
            }
        });
        // query parameters
        Map<String, List<String>> query = query(rawQuery);
        query.forEach((name, values) -> {
            JsonNode p = parameter(parameters, name, "query");
            if (p == null) {
                problems.add(where + ": query parameter '" + name + "' is not declared");
                return;
            }
            JsonNode schema = resolve(p.path("schema"));
            if ("array".equals(schema.path("type").asText())) {
                validate(schema, JSON.valueToTree(values.stream().map(v -> asType(schema.path("items"), v)).toList()),
                        "query parameter " + name, problems);
            } else {
                if (values.size() > 1) {
                    problems.add(where + ": query parameter '" + name + "' is given " + values.size() + " times");
                }
                validate(schema, asType(schema, values.get(0)), "query parameter " + name, problems);
            }
        });
        for (JsonNode p : parameters) {
            String in = p.path("in").asText();
            String name = p.path("name").asText();
            if (p.path("required").asBoolean() && ("query".equals(in) && !query.containsKey(name)
                                                   || "header".equals(in) && !hdrs.containsKey(name))) {
                problems.add(where + ": required " + in + " parameter '" + name + "' is missing");
            }
            if ("header".equals(in) && hdrs.containsKey(name)) {
                validate(p.path("schema"), asType(p.path("schema"), hdrs.get(name)), "header " + name, problems);
            }
        }
        security(where, operation, hdrs, query, problems);
        body(where, operation, hdrs, body, problems);
        return problems;
    }

    // ---------------------------------------------------------------- paths

    private record Match(String template, JsonNode item, Map<String, String> values, int literals) {
    }

    /** The path item whose template matches the path; of several, the one with the most literal segments. */
    private Match match(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        Match best = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] template = e.getKey().split("/", -1);
            if (template.length != segments.length) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                String t = template[i];
                String s = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
                if (t.startsWith("{") && t.endsWith("}")) {
                    matches = !s.isEmpty();
                    values.put(t.substring(1, t.length() - 1), s);
                } else {
                    matches = t.equals(s);
                    literals++;
                }
            }
            if (matches && (best == null || literals > best.literals())) {
                best = new Match(e.getKey(), e.getValue(), values, literals);
            }
        }
        return best;
    }

    private List<JsonNode> parameters(JsonNode item, JsonNode operation) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode level : List.of(item.path("parameters"), operation.path("parameters"))) {
            for (JsonNode p : level) {
                JsonNode r = resolve(p);
                byKey.put(r.path("in").asText() + ":" + r.path("name").asText(), r); // the operation's wins
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static JsonNode parameter(List<JsonNode> parameters, String name, String in) {
        for (JsonNode p : parameters) {
            if (in.equals(p.path("in").asText()) && name.equals(p.path("name").asText())) {
                return p;
            }
        }
        return null;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** A parameter's text as the JSON value its schema's type reads it as; left a string where it cannot be. */
    private JsonNode asType(JsonNode schema, String value) {
        String type = resolve(schema).path("type").asText("");
        try {
            switch (type) {
                case "boolean":
                    if (value.equals("true") || value.equals("false")) {
                        return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
                    }
                    break;
                case "integer":
                case "number":
                    return JSON.readTree(value).isNumber() ? JSON.readTree(value) : JSON.getNodeFactory().textNode(value);
                default:
                    break;
            }
        } catch (IOException e) {
            // not a number: stays a string, and the type check reports it
        }
        return JSON.getNodeFactory().textNode(value);
    }

    // ---------------------------------------------------------------- security

    private void security(String where, JsonNode operation, Map<String, String> headers, Map<String, List<String>> query,
                          List<String> problems) {
        JsonNode requirements = operation.has("security") ? operation.get("security") : spec.path("security");
        if (!requirements.isArray() || requirements.isEmpty()) {
            return;
        }
        List<String> unmet = new ArrayList<>();
        for (JsonNode requirement : requirements) {
            if (requirement.isEmpty()) {
                return; // {} makes security optional
            }
            List<String> missing = new ArrayList<>();
            requirement.fieldNames().forEachRemaining(name -> {
                String why = unmet(name, headers, query);
                if (why != null) {
                    missing.add(why);
                }
            });
            if (missing.isEmpty()) {
                return;
            }
            unmet.add(String.join(" and ", missing));
        }
        problems.add(where + ": no security requirement is met: " + String.join("; or ", unmet));
    }

    /** Why the named scheme is not met by the request, or null where it is. */
    private String unmet(String name, Map<String, String> headers, Map<String, List<String>> query) {
        JsonNode scheme = resolve(spec.path("components").path("securitySchemes").path(name));
        if (scheme.isMissingNode()) {
            return "scheme '" + name + "' is not defined";
        }
        String type = scheme.path("type").asText();
        if ("apiKey".equals(type)) {
            String key = scheme.path("name").asText();
            switch (scheme.path("in").asText()) {
                case "header":
                    return headers.getOrDefault(key, "").isBlank() ? "header " + key + " (" + name + ") is missing" : null;
                case "query":
                    return query.containsKey(key) ? null : "query parameter " + key + " (" + name + ") is missing";
                case "cookie":
                    return headers.getOrDefault("Cookie", "").contains(key + "=") ? null : "cookie " + key + " is missing";
                default:
                    return "scheme '" + name + "' has no known 'in'";
            }
        }
        if ("http".equals(type)) {
            String prefix = scheme.path("scheme").asText().toLowerCase(Locale.ROOT) + " ";
            return headers.getOrDefault("Authorization", "").toLowerCase(Locale.ROOT).startsWith(prefix) ? null
                    : "Authorization: " + prefix.trim() + " (" + name + ") is missing";
        }
        return "scheme '" + name + "' (" + type + ") is not one a request of whatsdev meets";
    }

    // ---------------------------------------------------------------- body

    private void body(String where, JsonNode operation, Map<String, String> headers, String body, List<String> problems) {
        JsonNode requestBody = resolve(operation.path("requestBody"));
        boolean sent = body != null && !body.isEmpty();
        if (requestBody.isMissingNode()) {
            if (sent) {
                problems.add(where + ": the operation takes no body, but one was sent");
            }
            return;
        }
        if (!sent) {
            if (requestBody.path("required").asBoolean()) {
                problems.add(where + ": the request body is required");
            }
            return;
        }
        String contentType = headers.get("Content-Type");
        if (contentType == null) {
            problems.add(where + ": a body without Content-Type");
            return;
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = requestBody.path("content").path(mediaType);
        if (media.isMissingNode()) {
            List<String> declared = new ArrayList<>();
            requestBody.path("content").fieldNames().forEachRemaining(declared::add);
            problems.add(where + ": media type " + mediaType + " is not declared (declared: " + declared + ")");
            return;
        }
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            problems.add(where + ": the validator reads JSON bodies only, not " + mediaType);
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            problems.add(where + ": the body is not JSON: " + e.getMessage());
            return;
        }
        validate(media.path("schema"), json, "$", problems);
    }

    // ---------------------------------------------------------------- JSON Schema

    /** Adds to {@code problems} every way the value breaks the schema; {@code at} names the value (a JSON path). */
    public void validate(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema == null || schema.isMissingNode() || schema.isBoolean() && schema.asBoolean()) {
            return;
        }
        if (schema.isBoolean()) {
            problems.add(at + ": not allowed (schema false)");
            return;
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext();) {
            String keyword = it.next();
            if (!CHECKED.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                problems.add(at + ": the schema uses '" + keyword + "', which this validator does not check");
            }
        }
        if (schema.has("$ref")) {
            JsonNode target = ref(schema.get("$ref").asText());
            if (target == null) {
                problems.add(at + ": unresolvable $ref " + schema.get("$ref").asText());
            } else {
                validate(target, value, at, problems);
            }
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            JsonNode type = schema.get("type");
            boolean nullAllowed = schema.path("nullable").asBoolean() || type == null || hasType(type, "null");
            if (!nullAllowed) {
                problems.add(at + ": null where the spec wants " + type + " (not nullable: leave the field out)");
                return;
            }
        } else if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(at + ": " + kind(value) + " where the spec wants " + schema.get("type"));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (value != null && value.isObject()) {
            object(schema, value, at, problems);
        }
        if (value != null && value.isArray()) {
            array(schema, value, at, problems);
        }
        if (value != null && value.isTextual()) {
            String s = value.asText();
            int length = s.codePointCount(0, s.length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(at + ": shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(at + ": longer than " + schema.get("maxLength"));
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                problems.add(at + ": does not match " + schema.get("pattern").asText());
            }
        }
        if (value != null && value.isNumber()) {
            number(schema, value, at, problems);
        }
        for (JsonNode sub : schema.path("allOf")) {
            validate(sub, value, at, problems);
        }
        if (schema.has("anyOf")) {
            int valid = 0;
            for (JsonNode sub : schema.get("anyOf")) {
                valid += valid(sub, value) ? 1 : 0;
            }
            if (valid == 0) {
                problems.add(at + ": valid against none of anyOf");
            }
        }
        if (schema.has("oneOf")) {
            int valid = 0;
            for (JsonNode sub : schema.get("oneOf")) {
                valid += valid(sub, value) ? 1 : 0;
            }
            if (valid != 1) {
                problems.add(at + ": valid against " + valid + " of oneOf, not exactly one");
            }
        }
        if (schema.has("not") && valid(schema.get("not"), value)) {
            problems.add(at + ": valid against 'not'");
        }
    }

    private boolean valid(JsonNode schema, JsonNode value) {
        List<String> p = new ArrayList<>();
        validate(schema, value, "", p);
        return p.isEmpty();
    }

    private void object(JsonNode schema, JsonNode value, String at, List<String> problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode r : schema.path("required")) {
            if (!value.has(r.asText())) {
                problems.add(at + ": required property '" + r.asText() + "' is missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = at + "." + e.getKey();
            if (properties.has(e.getKey())) {
                validate(properties.get(e.getKey()), e.getValue(), child, problems);
            } else if (schema.has("additionalProperties")) {
                JsonNode additional = schema.get("additionalProperties");
                if (additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(child + ": property not allowed (additionalProperties is false)");
                } else {
                    validate(additional, e.getValue(), child, problems);
                }
            }
        }
        if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
            problems.add(at + ": fewer than " + schema.get("minProperties") + " properties");
        }
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            problems.add(at + ": more than " + schema.get("maxProperties") + " properties");
        }
    }

    private void array(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            problems.add(at + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            problems.add(at + ": more than " + schema.get("maxItems") + " items");
        }
        if (schema.path("uniqueItems").asBoolean()) {
            Set<JsonNode> seen = new java.util.HashSet<>();
            value.forEach(v -> {
                if (!seen.add(v)) {
                    problems.add(at + ": " + v + " is there twice (uniqueItems)");
                }
            });
        }
    }

    private static void number(JsonNode schema, JsonNode value, String at, List<String> problems) {
        java.math.BigDecimal v = value.decimalValue();
        if (schema.has("minimum") && v.compareTo(schema.get("minimum").decimalValue()) < 0) {
            problems.add(at + ": below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && v.compareTo(schema.get("maximum").decimalValue()) > 0) {
            problems.add(at + ": above the maximum " + schema.get("maximum"));
        }
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()
            && v.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
            problems.add(at + ": not above " + schema.get("exclusiveMinimum"));
        }
        if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()
            && v.compareTo(schema.get("exclusiveMaximum").decimalValue()) >= 0) {
            problems.add(at + ": not below " + schema.get("exclusiveMaximum"));
        }
        if (schema.has("multipleOf")
            && v.remainder(schema.get("multipleOf").decimalValue()).compareTo(java.math.BigDecimal.ZERO) != 0) {
            problems.add(at + ": not a multiple of " + schema.get("multipleOf"));
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                              || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean hasType(JsonNode type, String name) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (name.equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return name.equals(type.asText());
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        } else if (v.isNumber()) {
            return "a number";
        } else if (v.isBoolean()) {
            return "a boolean";
        } else if (v.isArray()) {
            return "an array";
        } else if (v.isObject()) {
            return "an object";
        }
        return "null";
    }

    /** The node a local {@code $ref} ({@code #/...}) points at, or null. */
    private JsonNode ref(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        JsonNode target = spec.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    /** A parameter, request body or scheme given by {@code $ref}, followed. */
    private JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 16 && n != null && n.has("$ref"); i++) {
            JsonNode target = ref(n.get("$ref").asText());
            if (target == null) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            n = target;
        }
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }
}
