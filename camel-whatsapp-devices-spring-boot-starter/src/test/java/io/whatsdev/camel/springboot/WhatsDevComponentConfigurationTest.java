package io.whatsdev.camel.springboot;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starter's properties are the component's options, all of them, each with its description in Spring Boot's
 * configuration metadata: an option added to the component and not here fails this test.
 */
class WhatsDevComponentConfigurationTest {

    private static JsonNode read(String path) throws Exception {
        try (InputStream in = WhatsDevComponentConfigurationTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path + " is not on the class path");
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyComponentOptionIsAPropertyWithItsDescription() throws Exception {
        JsonNode options = read("META-INF/io/whatsdev/camel/whatsdev.json").path("componentProperties");
        Map<String, JsonNode> metadata = new HashMap<>();
        for (JsonNode p : read("META-INF/spring-configuration-metadata.json").path("properties")) {
            metadata.put(p.path("name").asText(), p);
        }
        int checked = 0;
        for (Iterator<String> it = options.fieldNames(); it.hasNext();) {
            String option = it.next();
            if (option.equals("configuration")) {
                continue; // the nested configuration object: its options are the flat properties themselves
            }
            String property = "camel.component.whatsdev." + kebab(option);
            JsonNode p = metadata.get(property);
            assertNotNull(p, "the starter has no property " + property + " for the component option " + option);
            assertFalse(p.path("description").asText().isBlank(), property + " has no description");
            checked++;
        }
        assertTrue(checked > 20, "only " + checked + " options checked");
    }

    @Test
    void printsNoValue() {
        WhatsDevComponentConfiguration c = new WhatsDevComponentConfiguration();
        c.setToken("s3cr3t-t0ken");
        assertFalse(c.toString().contains("s3cr3t"), c.toString());
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
