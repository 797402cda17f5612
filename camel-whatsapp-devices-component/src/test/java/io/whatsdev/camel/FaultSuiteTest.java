package io.whatsdev.camel;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.whatsdev.camel.exception.GatewayAuthenticationException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.exception.WhatsDevException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.whatsdev.camel.HostileServer.json;
import static io.whatsdev.camel.HostileServer.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault suite: a hostile gateway ({@link HostileServer}) misbehaves in every way listed below, for the producer and
 * the consumer of every gateway. Each case asserts the typed error with its message, that the call ended (a bound far
 * below the misbehaviour's own length, so a hang fails the test, not a slow machine), that memory stayed bounded (bytes
 * allocated by the calling thread, and what the server managed to send), that the consumer emitted no event (before,
 * during and after the fault), and that no credential shows in anything captured.
 */
class FaultSuiteTest extends CamelTestSupport {

    @RegisterExtension
    static final HostileServer server = new HostileServer();

    /** Where a redirect points: it must never be asked anything. */
    @RegisterExtension
    static final HostileServer elsewhere = new HostileServer();

    /** Limits the suite sets, small so that each fault is met quickly. */
    private static final String LIMITS = "callTimeout=2s&responseTimeout=1500&maxResponseSize=1048576";

    /** A call must end within this, whatever the misbehaviour (the slow drip alone would last 1,000 s). */
    private static final long BOUND_MILLIS = 30_000;

    /** The calling thread may allocate this much, against gigabytes the gateway offers. */
    private static final long ALLOCATION_BOUND = 64L * 1024 * 1024;

    private static byte[] gzipBomb;

    /** Each misbehaviour, with the exception and message part it must give. */
    enum Fault {
        SLOW_DRIP(GatewayUnavailableException.class, "no complete answer within callTimeout (2000 ms)"),
        ENDLESS_BODY(GatewayResponseException.class, "larger than maxResponseSize (1048576 bytes)"),
        HUGE_BODY(GatewayResponseException.class, "larger than maxResponseSize (1048576 bytes)"),
        GZIP_BOMB(GatewayResponseException.class, "larger than maxResponseSize (1048576 bytes)"),
        TRUNCATED_JSON(GatewayResponseException.class, "malformed JSON"),
        MALFORMED_JSON(GatewayResponseException.class, "malformed JSON"),
        TRAILING_GARBAGE(GatewayResponseException.class, "malformed JSON"),
        HTML_200(GatewayResponseException.class, "not JSON (text/html"),
        REDIRECT_WITH_BODY(GatewayResponseException.class, "a redirect to " + "http://127.0.0.1"),
        CUT_SHORT(GatewayUnavailableException.class, "cannot reach the gateway or read its answer"),
        RESET_MID_BODY(GatewayUnavailableException.class, "cannot reach the gateway or read its answer"),
        LIST_NOT_AN_ARRAY(GatewayResponseException.class, "not"),
        ENTRY_NOT_AN_OBJECT(GatewayResponseException.class, "not an object"),
        ENTRY_WITHOUT_ID(GatewayResponseException.class, "no '"),
        NUMBER_NOT_A_NUMBER(GatewayResponseException.class, "not"),
        DUPLICATE_IDS(GatewayResponseException.class, "listed twice"),
        DEEP_NESTING(GatewayResponseException.class, "JSON beyond whatsdev's read limits"),
        ECHOED_CREDENTIALS(GatewayAuthenticationException.class, "xxxxxx"),
        ECHOED_CREDENTIALS_IN_HTML(GatewayUnavailableException.class, "xxxxxx");

        final Class<? extends WhatsDevException> type;
        final String message;

        Fault(Class<? extends WhatsDevException> type, String message) {
            this.type = type;
            this.message = message;
        }

        /** Whether the fault applies to the gateway (witime answers one object, never a list with duplicates). */
        boolean appliesTo(ListShapes g) {
            return !(this == DUPLICATE_IDS && g == ListShapes.WITIME);
        }
    }

    @BeforeAll
    static void buildBomb() throws Exception {
        gzipBomb = HostileServer.bomb(256L * 1024 * 1024);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ListShapes g : ListShapes.values()) {
            for (Fault f : Fault.values()) {
                if (f.appliesTo(g)) {
                    cases.add(Arguments.of(g, f));
                }
            }
        }
        return cases.stream();
    }

    private static HostileServer.Behaviour behaviour(Fault f, ListShapes g) {
        String good = g.devices(2, g.up);
        return switch (f) {
            case SLOW_DRIP -> HostileServer.slowDrip(good, 1000);
            case ENDLESS_BODY -> HostileServer.endless();
            case HUGE_BODY -> HostileServer.huge(1L << 30);
            case GZIP_BOMB -> HostileServer.gzipBomb(gzipBomb);
            case TRUNCATED_JSON -> json(200, good.substring(0, good.length() / 2));
            case MALFORMED_JSON -> json(200, good.replace(":", "="));
            case TRAILING_GARBAGE -> json(200, good + " <html>oops</html>");
            case HTML_200 -> raw(200, "text/html; charset=utf-8",
                    "<html><body><h1>Maintenance</h1></body></html>".getBytes(StandardCharsets.UTF_8));
            case REDIRECT_WITH_BODY -> raw(302, "application/json", good.getBytes(StandardCharsets.UTF_8),
                    "Location: " + elsewhere.url() + "/steal?token=" + ListShapes.TOKEN);
            case CUT_SHORT -> HostileServer.cutShort(good.substring(0, good.length() / 2));
            case RESET_MID_BODY -> HostileServer.resetMidBody(good.substring(0, good.length() / 2));
            case LIST_NOT_AN_ARRAY -> json(200, g.listNotAnArray());
            case ENTRY_NOT_AN_OBJECT -> json(200, g.entryNotAnObject());
            case ENTRY_WITHOUT_ID -> json(200, g.entryWithoutId());
            case NUMBER_NOT_A_NUMBER -> json(200, g.numberNotANumber());
            case DUPLICATE_IDS -> json(200, g.duplicateIds());
            case DEEP_NESTING -> json(200, "{\"data\":" + "[".repeat(200) + "]".repeat(200) + "}");
            case ECHOED_CREDENTIALS -> json(401, "{\"success\":false,\"code\":401,\"result\":\"ERROR\",\"status\":0,\"message\":"
                                                 + "\"credential " + String.join(" / ", g.secrets()) + " is not valid\",\"error\":"
                                                 + "\"invalid wid " + g.secrets().get(0) + "\"}");
            case ECHOED_CREDENTIALS_IN_HTML -> raw(502, "text/html", ("<html>upstream refused " + String.join(" and ", g.secrets())
                                                                      + " (url-encoded: " + g.secrets().get(0).replace("-", "%2D")
                                                                      + ")</html>").getBytes(StandardCharsets.UTF_8));
        };
    }

    // ---------------------------------------------------------------- producer

    @ParameterizedTest(name = "{0} producer: {1}")
    @MethodSource("cases")
    void producerFailsTypedBoundedAndSecretFree(ListShapes g, Fault f) {
        server.behave(behaviour(f, g));
        String uri = g.uri(server.url(), "operation=list&" + LIMITS);
        long allocatedBefore = allocatedBytes();
        long start = System.nanoTime();
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(uri, (Object) null));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = allocatedBytes() - allocatedBefore;

        WhatsDevException w = assertInstanceOf(f.type, e.getCause(), () -> String.valueOf(e.getCause()));
        assertTrue(w.getMessage().contains(f.message), w.getMessage());
        assertEquals(g.id, w.getProvider());
        assertTrue(millis < BOUND_MILLIS, "the call took " + millis + " ms");
        assertTrue(allocated < ALLOCATION_BOUND, "the call allocated " + allocated + " bytes");
        assertTrue(server.bodyBytesWritten() < ALLOCATION_BOUND, "the client read " + server.bodyBytesWritten() + " bytes");
        assertEquals(0, elsewhere.requests().size(), "a redirect was followed");
        noSecret("exception", w.getMessage() + " " + w + " " + e.getMessage() + " " + w.getProviderMessage());
        if (w instanceof GatewayResponseException r) {
            noSecret("excerpt", r.getBodyExcerpt());
            assertTrue(r.getBodyExcerpt() == null || r.getBodyExcerpt().length() <= 203, r.getBodyExcerpt());
        }
        assertNull(w.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException ? w.getCause() : null,
                "no parser exception (it would quote the body)");
    }

    // ---------------------------------------------------------------- consumer

    @ParameterizedTest(name = "{0} consumer: {1}")
    @MethodSource("cases")
    void consumerEmitsNothingAndKeepsItsState(ListShapes g, Fault f) throws Exception {
        String good = g.devices(2, g.up);
        server.behave(json(200, good));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        MockEndpoint changes = consume(g, errors);

        waitFor(() -> server.requests().size() >= 2, "two good polls");
        server.behave(behaviour(f, g));
        waitFor(() -> !errors.isEmpty(), "a failed poll");
        int before = server.requests().size();
        server.behave(json(200, good));
        waitFor(() -> server.requests().size() >= before + 3, "good polls again");

        assertEquals(0, changes.getReceivedCounter(), "events: " + changes.getReceivedExchanges());
        WhatsDevException w = assertInstanceOf(f.type, errors.get(0), () -> String.valueOf(errors.get(0)));
        assertTrue(w.getMessage().contains(f.message), w.getMessage());
        for (Throwable t : errors) {
            assertInstanceOf(WhatsDevException.class, t, "an untyped failure: " + t);
            noSecret("consumer error", t.getMessage() + " " + t);
        }
        assertEquals(0, elsewhere.requests().size(), "a redirect was followed");
    }

    /** A real change after the fault is still emitted, exactly once: the state survived the fault. */
    @Test
    void aRealChangeAfterAFaultIsEmittedOnce() throws Exception {
        ListShapes g = ListShapes.WHATSPIE;
        server.behave(json(200, g.devices(2, g.up)));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        MockEndpoint changes = consume(g, errors);
        waitFor(() -> server.requests().size() >= 2, "two good polls");
        server.behave(json(200, "{\"status\":200,\"message\":\"OK\",\"data\":{}}")); // not a list: no device is gone
        waitFor(() -> !errors.isEmpty(), "a failed poll");
        server.behave(json(200, g.list(g.entry("1", g.up) + "," + g.entry("2", g.down))));
        waitFor(() -> changes.getReceivedCounter() >= 1, "the change of device 2");
        int seen = server.requests().size();
        waitFor(() -> server.requests().size() >= seen + 3, "more polls");
        assertEquals(1, changes.getReceivedCounter());
        Exchange e = changes.getReceivedExchanges().get(0);
        assertEquals("2", e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID));
        assertEquals("CONNECTED", e.getMessage().getHeader(WhatsDevConstants.PREVIOUS_STATUS));
        assertEquals("DISCONNECTED", e.getMessage().getHeader(WhatsDevConstants.STATUS));
    }

    /** A device listed twice with two statuses would flap on every poll: the poll fails instead, every time. */
    @Test
    void aDeviceListedTwiceNeverFlaps() throws Exception {
        ListShapes g = ListShapes.WHATSGATE_NET;
        server.behave(json(200, g.devices(1, g.up)));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        MockEndpoint changes = consume(g, errors);
        waitFor(() -> server.requests().size() >= 2, "two good polls");
        server.behave(json(200, g.duplicateIds()));
        waitFor(() -> errors.size() >= 4, "four failed polls");
        assertEquals(0, changes.getReceivedCounter(), "events: " + changes.getReceivedExchanges());
    }

    /** With contentCompression=false whatsdev asks for no compression and inflates nothing: a gzip body is not JSON. */
    @Test
    void compressionCanBeTurnedOff() {
        ListShapes g = ListShapes.WHATSPIE;
        server.behave(HostileServer.gzipBomb(gzipBomb));
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(g.uri(server.url(), "operation=list&contentCompression=false"), (Object) null));
        GatewayResponseException r = assertInstanceOf(GatewayResponseException.class, e.getCause());
        assertTrue(r.getMessage().contains("not JSON"), r.getMessage());
        assertNull(server.requests().get(0).header("Accept-Encoding"), "asked for compression");
        assertTrue(server.bodyBytesWritten() <= gzipBomb.length);

        server.behave(json(200, g.devices(1, g.up)));
        template.requestBody(g.uri(server.url(), "operation=list"), (Object) null);
        assertTrue(server.requests().get(1).header("Accept-Encoding").contains("gzip"));
    }

    // ---------------------------------------------------------------- whatsgate-org paging

    @Test
    void whatsgateOrgThatIgnoresThePageParameterIsStopped() {
        ListShapes g = ListShapes.WHATSGATE_ORG;
        server.behave(json(200, g.devices(100, g.up))); // always the same full page
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(g.uri(server.url(), "operation=list"), (Object) null));
        GatewayResponseException r = assertInstanceOf(GatewayResponseException.class, e.getCause());
        assertTrue(r.getMessage().contains("session 'u1' is listed twice, again on page 2: the gateway repeats a page"), r.getMessage());
        assertEquals(2, server.requests().size());
    }

    @Test
    void whatsgateOrgPagingStopsAtThePageCap() {
        ListShapes g = ListShapes.WHATSGATE_ORG;
        server.behave((r, s, out) -> { // a new full page for every page asked: never ends by itself
            int page = Integer.parseInt(r.body().replaceAll(".*\"page\":([0-9]+).*", "$1"));
            StringBuilder entries = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                entries.append(i == 0 ? "" : ",").append(g.entry(page + "-" + i, g.up));
            }
            json(200, g.list(entries.toString())).answer(r, s, out);
        });
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(g.uri(server.url(), "operation=list"), (Object) null));
        GatewayResponseException r = assertInstanceOf(GatewayResponseException.class, e.getCause());
        assertTrue(r.getMessage().contains("more than 1000 pages of 100 sessions"), r.getMessage());
        assertEquals(1000, server.requests().size());
    }

    // ---------------------------------------------------------------- logs

    /** Runs last in the class by name order is not guaranteed; it checks the whole log written so far. */
    @Test
    void theLogShowsNoCredential() throws Exception {
        producerFailsTypedBoundedAndSecretFree(ListShapes.WHATSPIE, Fault.ECHOED_CREDENTIALS);
        org.apache.logging.log4j.LogManager.getLogger(FaultSuiteTest.class).info("fault suite: log written");
        Path log = Path.of("target/camel-whatsdev-test.log");
        assertTrue(Files.exists(log), "the test log (log4j2-test.properties) is missing");
        noSecret("log", Files.readString(log));
    }

    // ---------------------------------------------------------------- helpers

    private MockEndpoint consume(ListShapes g, List<Throwable> errors) throws Exception {
        String routeId = "watch-" + g.id;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the consumer's failures come here (bridgeErrorHandler), so the test sees each typed exception
                onException(Exception.class).handled(true)
                        .process(x -> errors.add(x.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                from(g.uri(server.url(), "delay=20&initialDelay=0&bridgeErrorHandler=true&" + LIMITS)).routeId(routeId)
                        .to("mock:" + routeId);
            }
        });
        return getMockEndpoint("mock:" + routeId);
    }

    static void noSecret(String where, String text) {
        for (String s : List.of(ListShapes.TOKEN, ListShapes.API_KEY)) {
            assertFalse(text != null && text.contains(s), where + " shows a credential: " + text);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Waits up to a minute (faults take seconds each on a loaded machine); fails naming what did not happen. */
    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what, java.time.Duration.ofMinutes(1));
    }
}
