package io.whatsdev.camel.tooling;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A catalog entry for visual designers such as Kaoto, which read a component as its Camel descriptor plus a
 * {@code propertiesSchema} (JSON Schema of the endpoint options), keyed by the component's name. Made from the generated
 * descriptor and shipped in the jar at {@code META-INF/whatsdev-kaoto-catalog.json} (not beside the descriptor: Camel's
 * generators read every JSON file there as a component); when it
 * is out of date this test writes it anew and fails: commit it.
 */
class KaotoCatalogTest {

    private static final Path FILE
            = Path.of("src/generated/resources/META-INF/whatsdev-kaoto-catalog.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theCatalogEntryIsInStep() throws Exception {
        JsonNode descriptor;
        try (InputStream in = KaotoCatalogTest.class.getResourceAsStream("/META-INF/io/whatsdev/camel/whatsdev.json")) {
            descriptor = JSON.readTree(in);
        }
        String fresh = JSON.writeValueAsString(entry(descriptor)) + "\n";
        String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : null;
        if (!fresh.equals(committed)) {
            Files.writeString(FILE, fresh, StandardCharsets.UTF_8);
            fail(FILE + " was out of date and has been made anew from the descriptor: commit it");
        }
    }

    @Test
    void theSchemaDescribesEveryEndpointOption() throws Exception {
        JsonNode entry = JSON.readTree(FILE.toFile()).path("whatsdev");
        JsonNode schema = entry.path("propertiesSchema");
        assertEquals("object", schema.path("type").asText());
        entry.path("properties").fieldNames().forEachRemaining(name -> assertTrue(schema.path("properties").has(name), name));
        assertEquals("password", schema.path("properties").path("token").path("format").asText(), "secrets are masked");
        assertTrue(schema.path("properties").path("operation").path("enum").size() > 10);
        assertTrue(schema.path("required").toString().contains("provider"));
    }

    /** {"whatsdev": descriptor + propertiesSchema}. */
    static ObjectNode entry(JsonNode descriptor) {
        ObjectNode entry = descriptor.deepCopy();
        entry.set("propertiesSchema", schema(descriptor.path("properties")));
        ObjectNode root = JSON.createObjectNode();
        root.set(descriptor.path("component").path("name").asText(), entry);
        return root;
    }

    private static ObjectNode schema(JsonNode properties) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            ObjectNode s = props.putObject(e.getKey());
            s.put("title", p.path("displayName").asText());
            s.put("group", p.path("group").asText());
            s.put("description", p.path("description").asText());
            s.put("type", jsonType(p.path("type").asText()));
            if (p.has("defaultValue")) {
                s.set("default", p.get("defaultValue"));
            }
            if (p.has("enum")) {
                s.set("enum", p.get("enum"));
            }
            if (p.path("secret").asBoolean()) {
                s.put("format", "password");
            }
            if (p.path("type").asText().equals("duration")) {
                s.put("format", "duration");
            }
            if (p.path("required").asBoolean()) {
                required.add(e.getKey());
            }
        }
        return schema;
    }

    private static String jsonType(String camelType) {
        return switch (camelType) {
            case "integer" -> "integer";
            case "number" -> "number";
            case "boolean" -> "boolean";
            case "object" -> "object";
            case "array" -> "array";
            default -> "string"; // string, enum, duration
        };
    }
}
