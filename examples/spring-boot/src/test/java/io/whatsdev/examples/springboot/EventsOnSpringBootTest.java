package io.whatsdev.examples.springboot;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code whatsdev:whatsgate-org/events} on Spring Boot: the application as shipped (its pollers on the simulator) plus
 * one events route of this test, served through camel-platform-http-starter by the application's own web server, and
 * whatsgate-org callbacks POSTed to it over real HTTP on loopback. The bodies are built like the webhook page's
 * {@code ready} example (the component's contract fixture {@code whatsgate-org/callbacks/ready.json}).
 * <p>
 * The consumer answers a callback only after its events were routed, so an answer received means the route has run;
 * the positive cases still wait (Awaitility) rather than assume it.
 */
@CamelSpringBootTest
@SpringBootTest(classes = {DevicesApplication.class, EventsOnSpringBootTest.EventsRoute.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EventsOnSpringBootTest {

    /** Has a '+', an '&' and an '=', so that it only survives the URI in RAW(...) and the query when encoded. */
    static final String SECRET = "sb+s3cret&k=1";

    private static final GatewaySimulator SIM = GatewaySimulator.start(0).seedDemoDevices();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("camel.component.whatsdev.base-url", () -> SIM.baseUrl(Gateway.of("whatspie")));
        registry.add("whatsdev.components.whatsdev-wassly.base-url", () -> SIM.baseUrl(Gateway.of("wassly")));
        // the secret as the docs show it: a Spring property, read in the URI by a Camel placeholder
        registry.add("whatsgate.webhook-key", () -> SECRET);
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    /** What the events route received, and how many of its next exchanges fail. */
    static final class Recorder {
        final List<Exchange> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresToCome = new AtomicInteger();
    }

    @TestConfiguration
    static class EventsRoute {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        RouteBuilder whatsgateEvents(Recorder recorder) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("whatsdev:whatsgate-org/events?webhookSecret=RAW({{whatsgate.webhook-key}})").routeId("whatsgate-org-events")
                            .process(e -> {
                                if (recorder.failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                    throw new IllegalStateException("the route fails this time");
                                }
                            })
                            .process(e -> recorder.received.add(e.copy()));
                }
            };
        }
    }

    /** A fresh device per test: the context, its status record and its event ids are shared by the tests. */
    private static final AtomicInteger DEVICES = new AtomicInteger(0xb80a9238);

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private Recorder recorder;
    @LocalServerPort
    private int port;
    private String device;

    @BeforeEach
    void reset() {
        recorder.received.clear();
        recorder.failuresToCome.set(0);
        device = "191" + Integer.toHexString(DEVICES.getAndIncrement());
    }

    /** A whatsgate-org callback shaped like the documented {@code ready} event. */
    private static String callback(Object id, String device, String action) {
        return """
                {
                  "id":%s,
                  "whatsapp_id" : "%s",
                  "event_action" : "%s",
                  "event_date" : "2023-03-14 09:26:53",
                  "status_code" : null,
                  "event_data" :
                  {
                    "pushname" : "Vasya",
                    "number" : "79999999999"
                  }
                }
                """.formatted(id instanceof String s ? "\"" + s + "\"" : id, device, action);
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whatsdev/whatsgate-org" + query))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(String body) throws Exception {
        return post("?secret=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8), body);
    }

    private List<String> changes() {
        return recorder.received.stream().map(e -> {
            StatusChange c = e.getMessage().getBody(StatusChange.class);
            return c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent();
        }).toList();
    }

    private void awaitRouted(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received.size() >= n);
    }

    @Test
    void aVerifiedCallbackIsRoutedAsAStatusChangeAndAcknowledgedAsDocumented() throws Exception {
        HttpResponse<String> r = deliver(callback(19, device, "ready"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"result\":\"OK\",\"id\":19}", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        awaitRouted(1);
        assertEquals(List.of(device + ":UNKNOWN->CONNECTED"), changes());
        Exchange e = recorder.received.get(0);
        assertInstanceOf(StatusChange.class, e.getMessage().getBody());
        assertEquals("STATUS", e.getMessage().getHeader(WhatsDevConstants.EVENT_TYPE));
        assertEquals("whatsgate-org", e.getMessage().getHeader(WhatsDevConstants.PROVIDER));
        assertEquals(device, e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID));
        assertEquals("UNKNOWN", e.getMessage().getHeader(WhatsDevConstants.PREVIOUS_STATUS));
        assertEquals("CONNECTED", e.getMessage().getHeader(WhatsDevConstants.STATUS));

        // a string id is echoed as a string; disconnect removes the session
        r = deliver(callback("ev-20", device, "disconnect"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"result\":\"OK\",\"id\":\"ev-20\"}", r.body());
        awaitRouted(2);
        assertEquals(List.of(device + ":UNKNOWN->CONNECTED", device + ":CONNECTED->DELETED"), changes());
    }

    @Test
    void aMessageIsAcknowledgedAndNotRouted() throws Exception {
        HttpResponse<String> r = deliver(callback(30, device, "message"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"result\":\"OK\",\"id\":30}", r.body());
        assertTrue(recorder.received.isEmpty(), changes().toString());
    }

    @Test
    void aWrongOrMissingSecretIs401AndRoutesNothing() throws Exception {
        String body = callback(40, device, "ready");
        for (String query : List.of("", "?secret=", "?secret=wrong", "?secret=" + SECRET /* not encoded: '+' is a space */,
                "?other=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8))) {
            HttpResponse<String> r = post(query, body);
            assertEquals(401, r.statusCode(), query + ": " + r.body());
            assertTrue(!r.body().contains("s3cret"), r.body());
        }
        assertTrue(recorder.received.isEmpty(), changes().toString());
        // the same event with the secret goes through: nothing of it was recorded by the refusals
        assertEquals(200, deliver(body).statusCode());
        awaitRouted(1);
        assertEquals(List.of(device + ":UNKNOWN->CONNECTED"), changes());
    }

    @Test
    void aMalformedBodyIs400AndRoutesNothing() throws Exception {
        for (String body : List.of("<html>", "", "[]", "{\"whatsapp_id\":\"" + device + "\",\"event_action\":\"ready\"}",
                callback(41, "bad id", "ready"), callback(42, device, "ready").replace("2023-03-14 09:26:53", "yesterday"))) {
            HttpResponse<String> r = deliver(body);
            assertEquals(400, r.statusCode(), body + ": " + r.body());
        }
        assertTrue(recorder.received.isEmpty(), changes().toString());
    }

    @Test
    void aFailedExchangeIs500AndItsRedeliveryIsRoutedOnce() throws Exception {
        recorder.failuresToCome.set(1);
        HttpResponse<String> r = deliver(callback(50, device, "ready"));
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(!r.body().contains("\"result\""), r.body());
        assertTrue(recorder.received.isEmpty(), changes().toString());
        // whatsgate-org retries the unacknowledged event: now it goes through, once
        r = deliver(callback(50, device, "ready"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"result\":\"OK\",\"id\":50}", r.body());
        awaitRouted(1);
        assertEquals(List.of(device + ":UNKNOWN->CONNECTED"), changes());
    }

    @Test
    void theSameIdDeliveredTwiceIsRoutedOnceAndAcknowledgedTwice() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = deliver(callback(60, device, "ready"));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("{\"result\":\"OK\",\"id\":60}", r.body());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(200, deliver(callback(61, device, "disconnect")).statusCode());
        }
        awaitRouted(2);
        assertEquals(List.of(device + ":UNKNOWN->CONNECTED", device + ":CONNECTED->DELETED"), changes());
    }
}
