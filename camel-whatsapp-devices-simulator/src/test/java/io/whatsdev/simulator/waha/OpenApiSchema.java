package io.whatsdev.simulator.waha;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small check of JSON bodies against the schemas of an OpenAPI 3.1 document, with Jackson only. It knows the keywords
 * WAHA's spec uses ({@code type}, {@code properties}, {@code required}, {@code items}, {@code $ref}, {@code enum},
 * {@code nullable}, {@code allOf}, {@code oneOf}, {@code anyOf}, {@code additionalProperties}, {@code minimum}) and
 * ignores only annotations ({@code description}, {@code example}, {@code default}, {@code format}, ...); any other
 * keyword is an {@link IllegalStateException}, so a constraint is never skipped unnoticed.
 * <p>
 * Two readings of the NestJS-generated spec, both as the generator means them: {@code "nullable": true} allows null
 * (an OpenAPI 3.0 keyword the 3.1 document still uses), and {@code "required": true} inside a property's schema makes
 * that property required in its object.
 * <p>
 * Where WAHA's wire differs from its spec, the difference is declared, never assumed: {@link #allowNull} names a
 * property that may be null although the spec does not say so, {@link #override} replaces a property's schema (the
 * providers' README erratum: {@code WebhookConfig.events} items are strings, not objects). Properties are named
 * {@code Schema.property}, after the component schema that declares them.
 */
final class OpenApiSchema {

    private static final Set<String> ANNOTATIONS = Set.of("description", "example", "examples", "default", "deprecated", "readOnly",
            "writeOnly", "title", "format");
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "items", "$ref", "enum", "nullable", "allOf",
            "oneOf", "anyOf", "additionalProperties", "minimum");
    private static final String COMPONENTS = "#/components/schemas/";

    private final JsonNode spec;
    private final Set<String> nullAllowed;
    private final Map<String, JsonNode> overrides;

    private OpenApiSchema(JsonNode spec, Set<String> nullAllowed, Map<String, JsonNode> overrides) {
        this.spec = spec;
        this.nullAllowed = Set.copyOf(nullAllowed);
        this.overrides = Map.copyOf(overrides);
    }

    /** The spec at this class path resource, as it is. */
    static OpenApiSchema load(String resource) {
        try (InputStream in = OpenApiSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the test class path");
            }
            return new OpenApiSchema(new ObjectMapper().readTree(in), Set.of(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same spec where {@code Schema.property} may also be null. */
    OpenApiSchema allowNull(String property) {
        Set<String> more = new java.util.HashSet<>(nullAllowed);
        more.add(property);
        return new OpenApiSchema(spec, more, overrides);
    }

    /** The same spec with {@code Schema.property} checked against this schema instead of the spec's. */
    OpenApiSchema override(String property, JsonNode schema) {
        Map<String, JsonNode> more = new java.util.HashMap<>(overrides);
        more.put(property, schema);
        return new OpenApiSchema(spec, nullAllowed, more);
    }

    /** A reference to the component schema of this name, e.g. {@code SessionInfo}, to check a value against. */
    JsonNode component(String name) {
        definition(name);
        return new ObjectMapper().createObjectNode().put("$ref", COMPONENTS + name);
    }

    private JsonNode definition(String name) {
        JsonNode s = spec.path("components").path("schemas").path(name);
        if (s.isMissingNode()) {
            throw new IllegalArgumentException("no component schema " + name);
        }
        return s;
    }

    /**
     * The schema of an operation's answer, e.g. {@code ("get", "/api/sessions", 200, "application/json")}; null when
     * the spec gives the answer no content of that type (it documents the status without a body schema).
     *
     * @throws IllegalArgumentException if the spec has no such operation or status
     */
    JsonNode response(String method, String path, int status, String mediaType) {
        JsonNode answer = spec.path("paths").path(path).path(method).path("responses").path(String.valueOf(status));
        if (answer.isMissingNode()) {
            throw new IllegalArgumentException("the spec has no " + status + " answer of " + method.toUpperCase() + " " + path);
        }
        JsonNode schema = answer.path("content").path(mediaType).path("schema");
        return schema.isMissingNode() ? null : schema;
    }

    /** The schema of an operation's JSON request body. */
    JsonNode request(String method, String path) {
        JsonNode schema = spec.path("paths").path(path).path(method).path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("the spec has no JSON body for " + method.toUpperCase() + " " + path);
        }
        return schema;
    }

    /** What is wrong with the value against the schema, one line each ({@code $.path: problem}); empty when it is valid. */
    List<String> errors(JsonNode value, JsonNode schema) {
        List<String> errors = new ArrayList<>();
        check(value, schema, "$", null, false, errors);
        return errors;
    }

    /**
     * The object properties of the value that the schema does not declare (JSON Schema allows them; WAHA's spec sets no
     * {@code additionalProperties}), as {@code $.path}; free-form objects (no {@code properties}) are not looked into.
     */
    List<String> undeclared(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        undeclared(value, schema, "$", out);
        return out;
    }

    // ------------------------------------------------------------------ checking

    private void check(JsonNode value, JsonNode schema, String at, String owner, boolean nullOk, List<String> errors) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KEYWORDS.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new IllegalStateException("unsupported schema keyword '" + keyword + "' at " + at + ": " + schema);
            }
        }
        if (value.isNull() && (nullOk || schema.path("nullable").asBoolean(false))) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith(COMPONENTS)) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            String name = ref.substring(COMPONENTS.length());
            check(value, definition(name), at, name, false, errors);
        }
        if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
            errors.add(at + ": expected " + schema.get("type") + ", was " + describe(value));
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && value.isNumber() && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            errors.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, at, owner, false, errors);
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode option : schema.get("oneOf")) {
                List<String> e = new ArrayList<>();
                check(value, option, at, owner, false, e);
                if (e.isEmpty()) {
                    matching++;
                } else {
                    why.addAll(e);
                }
            }
            if (matching != 1) {
                errors.add(at + ": matches " + matching + " of the oneOf schemas, must match exactly one" + (matching == 0 ? " " + why : ""));
            }
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode option : schema.get("anyOf")) {
                List<String> e = new ArrayList<>();
                check(value, option, at, owner, false, e);
                any |= e.isEmpty();
            }
            if (!any) {
                errors.add(at + ": matches none of the anyOf schemas");
            }
        }
        if (value.isObject()) {
            checkObject(value, schema, at, owner, errors);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", owner, false, errors);
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String at, String owner, List<String> errors) {
        JsonNode properties = schema.path("properties");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText())); // an array here; a boolean "required" is read below
        properties.fieldNames().forEachRemaining(p -> {
            if (properties.get(p).path("required").asBoolean(false)) {
                required.add(p); // NestJS writes "required": true into the property's own schema
            }
        });
        for (String p : required) {
            if (!value.has(p)) {
                errors.add(at + ": the required property '" + p + "' is missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String p = field.getKey();
            String name = owner == null ? null : owner + "." + p;
            JsonNode propertySchema = properties.get(p);
            if (name != null && overrides.containsKey(name)) {
                propertySchema = overrides.get(name);
            }
            if (propertySchema != null) {
                check(field.getValue(), withoutBooleanRequired(propertySchema), at + "." + p, owner, name != null && nullAllowed.contains(name), errors);
            } else if (schema.has("additionalProperties")) {
                JsonNode extra = schema.get("additionalProperties");
                if (extra.isBoolean() && !extra.asBoolean()) {
                    errors.add(at + ": the property '" + p + "' is not allowed");
                } else if (extra.isObject()) {
                    check(field.getValue(), extra, at + "." + p, owner, false, errors);
                }
            }
        }
    }

    /** A property schema without the NestJS {@code "required": true} (already applied to the parent object). */
    private static JsonNode withoutBooleanRequired(JsonNode schema) {
        if (schema.path("required").isBoolean()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = schema.deepCopy();
            copy.remove("required");
            return copy;
        }
        return schema;
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("unsupported type " + type);
        };
    }

    private static String describe(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        String text = value.toString();
        return value.getNodeType().name().toLowerCase() + " " + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }

    private void undeclared(JsonNode value, JsonNode schema, String at, List<String> out) {
        JsonNode s = resolve(schema);
        if (value.isArray()) {
            JsonNode items = s.path("items");
            for (int i = 0; i < value.size() && !items.isMissingNode(); i++) {
                undeclared(value.get(i), items, at + "[" + i + "]", out);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        JsonNode properties = properties(s);
        if (properties == null) {
            return; // a free-form object
        }
        value.fieldNames().forEachRemaining(p -> {
            if (!properties.has(p)) {
                out.add(at + "." + p);
            } else {
                undeclared(value.get(p), properties.get(p), at + "." + p, out);
            }
        });
    }

    /** The schema behind a {@code $ref} (or an {@code allOf} of one {@code $ref}). */
    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            return resolve(definition(schema.get("$ref").asText().substring(COMPONENTS.length())));
        }
        if (schema.path("allOf").size() == 1 && !schema.has("properties")) {
            return resolve(schema.get("allOf").get(0));
        }
        return schema;
    }

    /** The declared properties, merged over {@code allOf}; null for a free-form object. */
    private JsonNode properties(JsonNode schema) {
        if (schema.has("oneOf") || schema.has("anyOf")) {
            return null; // which option applies is the validation's business
        }
        return schema.has("properties") ? schema.get("properties") : null;
    }
}
