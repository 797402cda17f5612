package io.whatsdev.camel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.whatsdev.camel.exception.GatewayBadRequestException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.StatusChange;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whatsgate-org feed consumer against answers the simulator would never give, replayed over loopback HTTP: each
 * surprise (a failure envelope, an HTML page, data that is not an array, a date that is not one, pages that make no
 * sense, the page cap, a page repeated) is a typed exception in the route's error handling, nothing is emitted, and the
 * cursor stays; once the gateway answers well again, the next event is emitted and the earlier one is not repeated.
 */
class FeedAnswersTest extends CamelTestSupport {

    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    private static final String PATH = "/api/v1/events-get";
    private static final String CURSOR = "whatsgate-org#feed";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @BindToRegistry("state")
    private final MemoryStateRepository state = new MemoryStateRepository();
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a failed poll comes here (bridgeErrorHandler), so the test sees each typed exception
                onException(Exception.class).handled(true)
                        .process(x -> errors.add(x.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                from("whatsdev:whatsgate-org/events?eventSource=feed&apiKey=k3y&baseUrl=" + server.url() + "/api/v1"
                     + "&delay=20&initialDelay=0&bridgeErrorHandler=true&stateRepository=#state").routeId("feed")
                        .autoStartup(false).process(e -> received.add(e.copy()));
            }
        };
    }

    private void answer(int status, String body) {
        server.onBody("POST", PATH, status, "application/json; charset=utf-8", body, Map.of());
    }

    private static String page(String data) {
        return "{\"result\":\"OK\",\"pages\":1,\"elements\":1,\"page\":1,\"data\":[" + data + "]}";
    }

    private static String event(long id, String device, String date) {
        return "{\"id\":" + id + ",\"whatsapp_id\":\"" + device + "\",\"event_action\":\"ready\",\"event_date\":\"" + date
               + "\",\"status_code\":null,\"event_data\":{\"pushname\":\"x\",\"number\":\"79999999999\"}}";
    }

    /** Waits for the next poll to fail, and returns its exception. */
    private Throwable nextError() throws InterruptedException {
        int before = errors.size();
        Await.until(() -> errors.size() > before, "a failed poll", java.time.Duration.ofSeconds(10));
        return errors.get(errors.size() - 1);
    }

    @Test
    void everySurpriseIsATypedExceptionNothingIsEmittedAndTheCursorStays() throws Exception {
        answer(200, "{\"result\":\"OK\",\"pages\":0,\"elements\":0,\"page\":1,\"data\":[]}");
        context.getRouteController().startRoute("feed");
        Await.until(() -> state.getState(CURSOR) != null, "the first poll's cursor", java.time.Duration.ofSeconds(10));
        Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        String good = event(1, "1940000000001", DATE.format(later));
        answer(200, page(good));
        Await.until(() -> received.size() == 1, "the event", java.time.Duration.ofSeconds(10));
        String cursor = later + ";1";
        Await.until(() -> cursor.equals(state.getState(CURSOR)), "the cursor after it", java.time.Duration.ofSeconds(10));

        Map<String, Class<? extends WhatsDevException>> surprises = new java.util.LinkedHashMap<>();
        surprises.put("{\"pages\":1,\"data\":[" + good + "]}", GatewayResponseException.class);
        surprises.put("{\"result\":\"ERROR\",\"message\":\"WhatsappID is invalid\"}", GatewayBadRequestException.class);
        surprises.put("{\"result\":\"OK\",\"pages\":1,\"data\":{\"0\":" + good + "}}", GatewayResponseException.class);
        surprises.put(page(good.replace(DATE.format(later), "soon")), GatewayResponseException.class);
        surprises.put("{\"result\":\"OK\",\"pages\":\"some\",\"data\":[" + good + "]}", GatewayResponseException.class);
        surprises.put("{\"result\":\"OK\",\"pages\":1001,\"data\":[" + good + "]}", GatewayResponseException.class);
        // no 'page' in the answer and the same events on every page: a gateway that ignores 'page'
        surprises.put("{\"result\":\"OK\",\"pages\":2,\"data\":[" + event(2, "1940000000002", DATE.format(later)) + "]}",
                GatewayResponseException.class);
        for (Map.Entry<String, Class<? extends WhatsDevException>> s : surprises.entrySet()) {
            answer(200, s.getKey());
            nextError(); // a poll in flight may have read the previous answer
            Throwable e = nextError();
            assertInstanceOf(s.getValue(), e, s.getKey());
            assertEquals("whatsgate-org", ((WhatsDevException) e).getProvider());
            assertEquals(1, received.size(), "nothing emitted for " + s.getKey());
            assertEquals(cursor, state.getState(CURSOR), "the cursor stays for " + s.getKey());
        }
        server.onBody("POST", PATH, 502, "text/html", "<html><body>Bad Gateway</body></html>", Map.of());
        nextError();
        assertInstanceOf(GatewayUnavailableException.class, nextError());
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("page cap")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("does it ignore 'page'?")), errors::toString);

        // the gateway recovers: the next event is emitted, the first one not again
        answer(200, "{\"result\":\"OK\",\"pages\":1,\"elements\":2,\"page\":1,\"data\":[" + good + ","
                    + event(3, "1940000000001", DATE.format(later.plusSeconds(1))).replace("ready", "disconnect") + "]}");
        Await.until(() -> received.size() == 2, "the next event", java.time.Duration.ofSeconds(10));
        StatusChange change = received.get(1).getMessage().getBody(StatusChange.class);
        assertEquals("1940000000001: CONNECTED -> DELETED", change.getDevice().getId() + ": " + change.getPrevious() + " -> "
                                                          + change.getCurrent());
        Await.until(() -> (later.plusSeconds(1) + ";3").equals(state.getState(CURSOR)), "the cursor after it",
                java.time.Duration.ofSeconds(10));
    }
}
