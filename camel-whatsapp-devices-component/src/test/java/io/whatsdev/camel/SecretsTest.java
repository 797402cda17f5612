package io.whatsdev.camel;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.whatsdev.camel.exception.GatewayAuthenticationException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens, API keys and passwords never appear in printed endpoint URIs, JMX, exception messages, toString() or logs.
 */
class SecretsTest extends CamelTestSupport {

    private static final String TOKEN = "TOKEN-5ecr3t-81723";
    private static final String API_KEY = "APIKEY-5ecr3t-55120";
    private static final String PASSWORD = "PASS-5ecr3t-99821";
    private static final String USERNAME = "user-5ecr3t@example.com";
    private static final String WITIME_KEY = "WKEY-5ecr3t-30917";
    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    @Override
    protected boolean useJmx() {
        return true;
    }

    private String pieUri() {
        return "whatsdev:whatspie/devices?operation=list&token=" + TOKEN + "&baseUrl=" + server.url();
    }

    private String wasslyUri() {
        return "whatsdev:wassly/devices?operation=list&apiKey=" + API_KEY + "&username=" + USERNAME + "&password=" + PASSWORD
               + "&baseUrl=" + server.url() + "/api";
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:pie").routeId("pie").to(pieUri());
                from("direct:wassly").routeId("wassly").to(wasslyUri());
                // a witime consumer of two instances: its keys are secrets too (not started: the JMX and URIs are the point)
                from("whatsdev:witime/devices?instanceTokens=RAW(one=" + WITIME_KEY + ",two=" + WITIME_KEY + "2)&baseUrl="
                     + server.url()).routeId("witime").autoStartup(false).to("mock:witime");
            }
        };
    }

    private static void noSecret(String where, String text) {
        for (String s : Set.of(TOKEN, API_KEY, PASSWORD, USERNAME, WITIME_KEY)) {
            assertFalse(text != null && text.contains(s), where + " shows a secret: " + text);
        }
    }

    @Test
    void printedEndpointUrisAreMasked() {
        for (Endpoint e : context.getEndpoints()) {
            if (e instanceof WhatsDevEndpoint w) {
                noSecret("toString()", w.toString());
                noSecret("getEndpointBaseUri()", w.getEndpointBaseUri());
                noSecret("configuration.toString()", w.getConfiguration().toString());
                assertTrue(w.toString().contains("xxxxxx"), w.toString());
            }
        }
        noSecret("route dump", context.getRoute("pie").getEndpoint().toString());
    }

    @Test
    void jmxShowsNoSecret() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null);
        assertFalse(names.isEmpty(), "no endpoint MBeans");
        boolean sawWhatsdev = false;
        for (ObjectName n : names) {
            noSecret("MBean name", n.toString());
            String uri = (String) mbeans.getAttribute(n, "EndpointUri");
            noSecret("MBean EndpointUri", uri);
            sawWhatsdev |= uri.startsWith("whatsdev:");
        }
        assertTrue(sawWhatsdev);
        for (ObjectName n : mbeans.queryNames(new ObjectName("org.apache.camel:type=processors,*"), null)) {
            for (String attr : new String[] { "Destination", "EndpointUri" }) {
                try {
                    Object v = mbeans.getAttribute(n, attr);
                    noSecret("processor MBean " + attr, String.valueOf(v));
                } catch (javax.management.AttributeNotFoundException ignored) {
                    // not a send processor
                }
            }
        }
    }

    @Test
    void exceptionsShowNoSecret() throws Exception {
        server.onBody("GET", "/devices", 401, "application/json", "{\"code\":401,\"message\":\"Unauthenticated\"}", Map.of());
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:pie", (Object) null));
        GatewayAuthenticationException auth = assertInstanceOf(GatewayAuthenticationException.class, e.getCause());
        noSecret("exception", auth.getMessage());
        noSecret("camel exception", e.getMessage());

        server.onBody("POST", "/api/login", 401, "application/json", "{\"success\":false,\"message\":\"Invalid credentials\"}", Map.of());
        CamelExecutionException e2
                = assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:wassly", (Object) null));
        assertInstanceOf(GatewayAuthenticationException.class, e2.getCause());
        noSecret("login exception", e2.getCause().getMessage());
        noSecret("camel exception", e2.getMessage());
    }

    @Test
    void logsShowNoSecret() throws Exception {
        server.onBody("GET", "/devices", 200, "application/json", "{\"status\":200,\"message\":\"OK\",\"data\":[]}", Map.of());
        template.requestBody("direct:pie", (Object) null);
        org.apache.logging.log4j.LogManager.getLogger(SecretsTest.class).info("secrets test: log written");
        Path log = Path.of("target/camel-whatsdev-test.log");
        assertTrue(Files.exists(log), "the test log (log4j2-test.properties) is missing");
        String text = Files.readString(log);
        assertTrue(text.contains("[whatspie] list GET /devices"), "the debug line of the call is missing");
        noSecret("log", text);
    }
}
