package io.whatsdev.camel;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated component descriptor (camel-package-maven-plugin) lists every option and header with its doc text, and
 * marks the secrets.
 */
class ComponentMetadataTest {

    private static JsonNode descriptor() throws Exception {
        try (InputStream in = ComponentMetadataTest.class.getResourceAsStream("/META-INF/io/whatsdev/camel/whatsdev.json")) {
            assertNotNull(in, "the generated descriptor is not on the class path");
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyOptionAndHeaderIsDocumented() throws Exception {
        JsonNode d = descriptor();
        assertEquals("whatsdev", d.path("component").path("scheme").asText());
        assertEquals("whatsdev:provider/resource", d.path("component").path("syntax").asText());
        for (String section : new String[] { "componentProperties", "properties", "headers" }) {
            JsonNode props = d.path(section);
            assertTrue(props.size() > 0, section);
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String description = e.getValue().path("description").asText();
                assertFalse(description.isBlank(), section + "." + e.getKey() + " has no description");
            }
        }
        for (String option : new String[] { "operation", "deviceId", "baseUrl", "token", "apiKey", "subdomain", "username",
                "password", "connectTimeout", "responseTimeout", "deviceName", "packageCode", "webhookUrl", "phoneNumber",
                "userAgent", "sslContextParameters", "proxyHost", "proxyPort", "emitInitialState", "deviceIds", "stateRepository",
                "minStableTime", "instanceTokens", "delay", "callTimeout", "maxResponseSize", "contentCompression", "backoffErrorThreshold", "scheduler" }) {
            assertTrue(d.path("properties").has(option), "endpoint option " + option + " missing");
        }
        for (String header : new String[] { WhatsDevConstants.OPERATION, WhatsDevConstants.DEVICE_ID, WhatsDevConstants.PROVIDER,
                WhatsDevConstants.STATUS, WhatsDevConstants.PREVIOUS_STATUS }) {
            assertTrue(d.path("headers").has(header), "header " + header + " missing");
        }
    }

    @Test
    void secretsAreMarkedSecret() throws Exception {
        JsonNode d = descriptor();
        for (String secret : Set.of("token", "apiKey", "username", "password", "instanceTokens")) {
            assertTrue(d.path("properties").path(secret).path("secret").asBoolean(), secret + " must be secret");
        }
        for (String secret : Set.of("token", "apiKey", "username", "password")) {
            assertTrue(d.path("componentProperties").path(secret).path("secret").asBoolean(), secret + " must be secret");
        }
    }

    /**
     * The descriptor says what the source says: Camel's generator drops some characters (a '+' vanished once, and
     * "image/svg+xml" read "image/svgxml"); every header's description in the descriptor is its annotation's, less the
     * backticks.
     */
    @Test
    void headerDescriptionsReachTheDescriptorWhole() throws Exception {
        JsonNode headers = descriptor().path("headers");
        for (java.lang.reflect.Field f : WhatsDevConstants.class.getFields()) {
            org.apache.camel.spi.Metadata m = f.getAnnotation(org.apache.camel.spi.Metadata.class);
            if (m == null) {
                continue;
            }
            String name = (String) f.get(null);
            String expected = m.description().replace("`", "");
            assertEquals(expected, headers.path(name).path("description").asText(), name);
        }
    }

    /** The descriptor's generator drops some characters (it did, for "@ +"): every option's description arrives whole. */
    @Test
    void optionDescriptionsReachTheDescriptorWhole() throws Exception {
        JsonNode properties = descriptor().path("properties");
        int checked = 0;
        for (Class<?> type : new Class<?>[] { WhatsDevConfiguration.class, WhatsDevEndpoint.class }) {
            for (java.lang.reflect.Field f : type.getDeclaredFields()) {
                org.apache.camel.spi.UriParam p = f.getAnnotation(org.apache.camel.spi.UriParam.class);
                org.apache.camel.spi.UriPath path = f.getAnnotation(org.apache.camel.spi.UriPath.class);
                String description = p != null ? p.description() : path != null ? path.description() : "";
                if (description.isEmpty()) {
                    continue;
                }
                String name = p != null && !p.name().isEmpty() ? p.name() : path != null && !path.name().isEmpty() ? path.name() : f.getName();
                assertEquals(description.replace("`", ""), properties.path(name).path("description").asText(), name);
                checked++;
            }
        }
        assertTrue(checked > 20, "options checked: " + checked);
    }

    /** The URI's gateway list (Camel's metadata needs it in the annotation) is exactly the gateways the jar registers. */
    @Test
    void theGatewayEnumIsTheRegisteredGateways() throws Exception {
        java.util.SortedSet<String> inMetadata = new java.util.TreeSet<>();
        descriptor().path("properties").path("provider").path("enum").forEach(n -> inMetadata.add(n.asText()));
        java.util.SortedSet<String> registered = new java.util.TreeSet<>();
        java.util.ServiceLoader.load(io.whatsdev.camel.provider.GatewayProvider.class).forEach(p -> registered.add(p.name()));
        assertEquals(registered, inMetadata);
    }
}
