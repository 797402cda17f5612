package io.whatsdev.camel;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.RecordedRequest;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatorCredentials;
import io.whatsdev.simulator.whatsgateorg.WhatsgateOrgApi;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code whatsdev:whatsgate-org/events?eventSource=feed} against the simulator's {@code events-get} over loopback HTTP:
 * each lifecycle event emitted once, whatever the reading of {@code date} and the order of {@code data}; paging; a
 * restart that resumes from the stored cursor; a failed exchange read again at the next poll; the feed and the polling
 * consumer sharing their state; messages skipped; bad options refused.
 */
class FeedConsumerTest extends SimulatorCamelTestSupport {

    private static final Gateway G = Gateway.of("whatsgate-org");
    private static final String KEY = "wg";
    private static final String CURSOR = KEY + "#feed";

    @TempDir
    Path tmp;

    private final MemoryStateRepository state = new MemoryStateRepository();
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    /** The stored cursor while each exchange was processed (failed ones included). */
    private final List<String> cursorsDuringExchanges = new CopyOnWriteArrayList<>();
    private StateRepository<String, String> cursorStore = state;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // routes are added per test
            }
        };
    }

    @AfterEach
    void simulatorDefaults() {
        // switches survive the simulator's reset
        api().eventsDateInclusive(false).eventsOrder("OLDEST_FIRST");
    }

    private static WhatsgateOrgApi api() {
        return sim.api(G, WhatsgateOrgApi.class);
    }

    private static String feedUri(String repository, String options) {
        return "whatsdev:whatsgate-org/events?eventSource=feed&apiKey=" + SimulatorCredentials.API_KEY + "&baseUrl="
               + sim.baseUrl(G) + "&delay=50&initialDelay=0&stateRepository=#" + repository + "&stateKey=" + KEY + options;
    }

    /** Starts a feed route on the memory state {@code #state}; waits for its first poll to store the cursor. */
    private void feed(String options) throws Exception {
        context.getRegistry().bind("state", state);
        route("feed", feedUri("state", options));
        awaitCursor();
    }

    private void route(String routeId, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(e -> receive(e));
            }
        });
    }

    private void receive(Exchange e) {
        cursorsDuringExchanges.add(String.valueOf(cursorStore.getState(CURSOR)));
        if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the route fails this time");
        }
        received.add(e.copy());
    }

    private void awaitCursor() throws InterruptedException {
        waitFor(() -> cursorStore.getState(CURSOR) != null, "the first poll's cursor");
    }

    /** The date of the stored cursor ({@code <ISO instant>;<ids>}, as the whatsgate-org feed documents it). */
    private Instant cursorDate() {
        String c = cursorStore.getState(CURSOR);
        return Instant.parse(c.substring(0, c.indexOf(';')));
    }

    private static List<RecordedRequest> feedCalls() {
        return sim.requests(G).stream().filter(r -> r.path().endsWith("/events-get")).toList();
    }

    /** Three more polls reached the feed: whatever they read has been routed. */
    private static void settle() throws InterruptedException {
        int before = feedCalls().size();
        waitFor(() -> feedCalls().size() >= before + 3, "three more polls of events-get");
    }

    private void awaitChanges(int n) throws InterruptedException {
        waitFor(() -> received.size() >= n, n + " status changes (have " + changes() + ")");
    }

    private List<String> changes() {
        List<String> out = new ArrayList<>();
        for (Exchange e : received) {
            StatusChange c = e.getMessage().getBody(StatusChange.class);
            out.add(c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent());
        }
        return out;
    }

    @Test
    void lifecycleEventsFromTheFeedAreEmittedOnceEach() throws Exception {
        feed("");
        SimDevice one = sim.createDevice(G, "1930000000001", "one");
        SimDevice two = sim.createDevice(G, "1930000000002", "two");
        one.scan();
        awaitChanges(1);
        two.scan();
        one.delete();
        awaitChanges(3);
        settle();
        assertEquals(List.of("1930000000001:UNKNOWN->CONNECTED", "1930000000002:UNKNOWN->CONNECTED",
                "1930000000001:CONNECTED->DELETED"), changes());
        Exchange first = received.get(0);
        assertEquals("STATUS", first.getMessage().getHeader(WhatsDevConstants.EVENT_TYPE));
        assertEquals("ready", first.getMessage().getHeader(WhatsDevConstants.RAW_STATUS));
        assertEquals("whatsgate-org", first.getMessage().getHeader(WhatsDevConstants.PROVIDER));
        RecordedRequest call = feedCalls().get(0);
        assertEquals(SimulatorCredentials.API_KEY, call.header("X-Api-Key"));
        assertTrue(call.body().matches("\\{\"date\":\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\",\"page_cnt\":\"100\",\"page\":\"1\"}"),
                call.body());
    }

    @Test
    void theFirstPollReplaysNoHistory() throws Exception {
        api().addEvent("1930000000003", "ready", Instant.now().minusSeconds(3600));
        api().addEvent("1930000000004", "ready", Instant.now().plusSeconds(60)); // a gateway clock ahead of ours
        feed("");
        settle();
        assertEquals(List.of(), changes());
        assertEquals(Instant.now().plusSeconds(60).getEpochSecond(), cursorDate().getEpochSecond(), 5,
                "the cursor stands after the newest event read");
    }

    @Test
    void moreThanAHundredEventsInOnePollArePagedAndSorted() throws Exception {
        api().eventsOrder("NEWEST_FIRST");
        feed("");
        context.getRouteController().stopRoute("feed");
        Instant base = cursorDate().plusSeconds(2);
        for (int i = 0; i < 250; i++) {
            Instant at = base.plusSeconds(i / 10); // ten events a second
            if (i == 40 || i == 120 || i == 249) {
                api().addEvent("19300000001" + (i % 100 < 10 ? "0" : "") + (i % 100), "ready", at);
            } else if (i == 200) {
                api().addEvent("1930000000140", "disconnect", at);
            } else {
                api().addEvent("1930000000140", i % 2 == 0 ? "message" : "ack", at);
            }
        }
        int before = feedCalls().size();
        context.getRouteController().startRoute("feed");
        awaitChanges(4);
        settle();
        assertEquals(List.of("1930000000140:UNKNOWN->CONNECTED", "1930000000120:UNKNOWN->CONNECTED",
                "1930000000140:CONNECTED->DELETED", "1930000000149:UNKNOWN->CONNECTED"), changes());
        List<String> firstPoll = feedCalls().subList(before, before + 3).stream().map(RecordedRequest::body).toList();
        for (int page = 1; page <= 3; page++) {
            assertTrue(firstPoll.get(page - 1).endsWith("\"page_cnt\":\"100\",\"page\":\"" + page + "\"}"), firstPoll::toString);
        }
    }

    @Test
    void aRestartResumesFromTheCursorInAFileWithoutReplaying() throws Exception {
        File store = tmp.resolve("state.dat").toFile();
        FileStateRepository file = FileStateRepository.fileStateRepository(store);
        context.getRegistry().bind("file", file);
        cursorStore = file;
        route("before", feedUri("file", ""));
        awaitCursor();
        Instant base = cursorDate().plusSeconds(2);
        api().addEvent("1930000000005", "ready", base);
        awaitChanges(1);
        settle();
        context.getRouteController().stopRoute("before");
        context.removeRoute("before");
        String cursor = file.getState(CURSOR);

        // while the route is down, the gateway goes on; then a new repository reads the same file (a restarted JVM)
        api().addEvent("1930000000006", "ready", base.plusSeconds(1));
        FileStateRepository again = FileStateRepository.fileStateRepository(store);
        context.getRegistry().bind("again", again);
        cursorStore = again;
        int before = feedCalls().size();
        route("after", feedUri("again", ""));
        awaitChanges(2);
        settle();
        assertEquals(List.of("1930000000005:UNKNOWN->CONNECTED", "1930000000006:UNKNOWN->CONNECTED"), changes());
        assertEquals(base + ";1", cursor, "the cursor as the file kept it");
        assertTrue(feedCalls().get(before).body().contains("\"date\":\"" + wireDate(base.minusSeconds(1)) + "\""),
                "the first poll after the restart reads from the stored cursor: " + feedCalls().get(before).body());
    }

    private static String wireDate(Instant at) {
        return at.toString().replace('T', ' ').replace("Z", "");
    }

    @ParameterizedTest(name = "eventsDateInclusive={0}")
    @ValueSource(booleans = { false, true })
    void sameSecondEventsAreEmittedOnceWhetherDateIncludesItsSecondOrNot(boolean inclusive) throws Exception {
        api().eventsDateInclusive(inclusive);
        feed("");
        Instant s = cursorDate().plusSeconds(3);
        long first = api().addEvent("1930000000007", "ready", s);
        awaitChanges(1);
        settle(); // polls that ask again for that second
        long second = api().addEvent("1930000000008", "ready", s); // the same second, after those polls
        awaitChanges(2);
        api().addEvent("1930000000009", "ready", s.minusSeconds(1)); // older than the cursor: not new
        settle();
        assertEquals(List.of("1930000000007:UNKNOWN->CONNECTED", "1930000000008:UNKNOWN->CONNECTED"), changes());
        assertEquals(s + ";" + first + "," + second, state.getState(CURSOR));
        RecordedRequest last = feedCalls().get(feedCalls().size() - 1);
        assertTrue(last.body().contains("\"date\":\"" + wireDate(s.minusSeconds(1)) + "\""), last.body());
    }

    @Test
    void aFailedExchangeIsReadAgainAtTheNextPollThenEmittedOnce() throws Exception {
        feed("");
        context.getRouteController().stopRoute("feed");
        String before = state.getState(CURSOR);
        Instant s = cursorDate().plusSeconds(2);
        api().addEvent("1930000000010", "ready", s);
        long last = api().addEvent("1930000000011", "ready", s.plusSeconds(1));
        failuresToCome.set(1);
        context.getRouteController().startRoute("feed");
        awaitChanges(2);
        settle();
        assertEquals(List.of("1930000000010:UNKNOWN->CONNECTED", "1930000000011:UNKNOWN->CONNECTED"), changes());
        // the failed attempt, then both in the next poll: the cursor is written after a poll's exchanges, never during
        assertEquals(List.of(before, before, before), cursorsDuringExchanges);
        assertEquals(s.plusSeconds(1) + ";" + last, state.getState(CURSOR));
    }

    @Test
    void messagesAreSkippedButMoveTheCursorAndOneWatchedDeviceIsAskedForAlone() throws Exception {
        feed("&deviceIds=1930000000012");
        Instant s = cursorDate().plusSeconds(2);
        for (String action : List.of("message", "ack", "media", "sent", "error", "create")) {
            api().addEvent("1930000000012", action, s);
        }
        api().addEvent("1930000000012", "ready", s.plusSeconds(1));
        awaitChanges(1);
        long message = api().addEvent("1930000000012", "message", s.plusSeconds(2));
        waitFor(() -> state.getState(CURSOR).equals(s.plusSeconds(2) + ";" + message), "the cursor past the message");
        settle();
        assertEquals(List.of("1930000000012:UNKNOWN->CONNECTED"), changes());
        assertTrue(feedCalls().stream().allMatch(r -> r.body().startsWith("{\"WhatsappID\":\"1930000000012\",")),
                feedCalls().get(0).body());
    }

    @Test
    void feedAndPollingConsumerSharingTheStateEmitEachTransitionOnce() throws Exception {
        SimDevice d = sim.createDevice(G, "1930000000013", "shared");
        feed("");
        route("poll", "whatsdev:whatsgate-org/devices?apiKey=" + SimulatorCredentials.API_KEY + "&baseUrl=" + sim.baseUrl(G)
                      + "&delay=50&initialDelay=0&emitInitialState=true&stateRepository=#state&stateKey=" + KEY);
        awaitChanges(1);
        d.scan();
        awaitChanges(2);
        settle();
        d.delete();
        awaitChanges(3);
        settle();
        assertEquals(List.of("1930000000013:UNKNOWN->STARTING", "1930000000013:STARTING->CONNECTED",
                "1930000000013:CONNECTED->DELETED"), changes());
    }

    @Test
    void badOptionsAreRefusedAtEndpointCreationNamingTheOption() {
        String key = "&apiKey=" + SimulatorCredentials.API_KEY;
        assertEquals("eventSource 'pull' is not allowed; allowed: callback, feed",
                refused("whatsdev:whatsgate-org/events?eventSource=pull" + key));
        assertEquals("eventSource=feed needs a gateway with an event feed; waha has none (gateways with one: whatsgate-org)",
                refused("whatsdev:waha/events?eventSource=feed&baseUrl=http://127.0.0.1:1" + key));
        assertTrue(refused("whatsdev:whatsgate-org/devices?eventSource=feed" + key)
                .startsWith("eventSource=feed is an option of whatsdev:whatsgate-org/events"));
        assertTrue(refused("whatsdev:whatsgate-org/events?eventSource=feed").startsWith("apiKey is required for provider whatsgate-org"));
        // neither webhookSecret nor webhookPath is needed
        assertTrue(context.getEndpoint("whatsdev:whatsgate-org/events?eventSource=feed" + key) instanceof WhatsDevEndpoint);
    }

    private String refused(String uri) {
        Throwable t = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
