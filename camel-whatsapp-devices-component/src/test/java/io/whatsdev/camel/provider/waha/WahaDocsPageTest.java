package io.whatsdev.camel.provider.waha;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code whatsdev:waha} URIs on the gateway's page work: each endpoint is created, with its producer (where it sets
 * an operation) or its consumer, as a reader who copies it would. (DocsUrisTest runs every page's URIs too; this test
 * keeps the page's own check next to the gateway.) Java string literals joined with {@code +} are read as one URI.
 */
class WahaDocsPageTest {

    private static final Path PAGE = Path.of("../docs/modules/ROOT/pages/gateway-waha.adoc");
    private static final Pattern URI = Pattern.compile("whatsdev:waha/[^\\s`\"'<>]*");
    private static final Map<String, String> PLACEHOLDERS = Map.of("{{waha.url}}", "http://localhost:3000", "{{waha.apiKey}}", "k3y0",
            "{{waha.webhookUrl}}", "https://hooks.example.com/waha");

    static List<String> uris() throws Exception {
        // "...\" + \"..." across lines is one literal
        String text = Files.readString(PAGE).replaceAll("\"\\s*\\+\\s*\"", "");
        List<String> uris = new ArrayList<>();
        Matcher m = URI.matcher(text);
        while (m.find()) {
            uris.add(m.group().replaceAll("[.,;:)]+$", ""));
        }
        return uris;
    }

    @Test
    void everyUriOnThePageWorks() throws Exception {
        List<String> uris = uris();
        assertTrue(uris.size() >= 4, "URIs found: " + uris);
        List<String> failures = new ArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            // a URI without a key relies on one set on the component, as the other pages show
            io.whatsdev.camel.WhatsDevComponent component = new io.whatsdev.camel.WhatsDevComponent();
            component.getConfiguration().setApiKey("k3y-on-the-component");
            context.addComponent("whatsdev", component);
            context.start();
            for (String found : uris) {
                String uri = found;
                for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
                    uri = uri.replace(p.getKey(), p.getValue());
                }
                if (uri.contains("{{")) {
                    failures.add(found + ": a placeholder this test has no value for");
                    continue;
                }
                try {
                    Endpoint e = context.getEndpoint(uri);
                    if (uri.contains("operation=")) {
                        e.createProducer();
                    } else {
                        e.createConsumer(exchange -> {
                        });
                    }
                } catch (Exception e) {
                    Throwable t = e;
                    while (t.getCause() != null) {
                        t = t.getCause();
                    }
                    failures.add(found + ": " + t.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            fail("URIs on gateway-waha.adoc that do not work:\n  " + String.join("\n  ", failures));
        }
    }
}
