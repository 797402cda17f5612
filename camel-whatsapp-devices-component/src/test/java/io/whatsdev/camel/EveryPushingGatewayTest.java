package io.whatsdev.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.simulator.CallbackDelivery;
import io.whatsdev.simulator.CallbackDelivery.Outcome;
import io.whatsdev.simulator.Callbacks;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same scenarios on every gateway that pushes (a callback decoder in whatsdev, callbacks in the simulator), on
 * Camel Main with platform-http over loopback: the events consumer registers its callback URL itself
 * ({@code registerWebhook}), then the simulated phone goes through its lifecycle. Verified and refused callbacks,
 * redelivery after a failed exchange, duplicates, out-of-order deliveries, and push and poll together emitting each
 * transition once.
 * <p>
 * Two scenarios need what a gateway may not have: a redelivery needs a gateway that retries (witime documents no retry
 * of its PostBacks, and its simulation sends each once), and an out-of-order delivery can only be recognised where the
 * callback carries its time (witime's PostBack has no documented time field). There the poller is what reconciles.
 */
class EveryPushingGatewayTest {

    private static final String SECRET = "every-push-s3cret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final MemoryStateRepository state = new MemoryStateRepository();
    private CallbackHarness harness;
    private GatewaySimulator sim;
    private Main main;
    private int port;

    static Stream<Gateway> pushing() {
        return Gateway.all().stream().filter(g -> GatewayProviders.all().containsKey(g.id())
                                                  && GatewayProviders.lookup(g.id()).callbacks() != null);
    }

    @BeforeEach
    void startSimulator() throws Exception {
        harness = CallbackHarness.start();
        sim = harness.sim;
        port = harness.port;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    // ------------------------------------------------------------------ set-up

    private SimDevice device(Gateway g) {
        return sim.createDevice(g, g.plugin().sampleDeviceId(1), "Device 1");
    }

    /** Options that reach the device on the simulator, with its base URL. */
    private String reach(Gateway g, SimDevice d) {
        String options = g.plugin().whatsdevOptions(List.of(d));
        return "baseUrl=" + sim.baseUrl(g) + (options.isEmpty() ? "" : "&" + options) + "&deviceIds=" + d.id()
               + "&stateRepository=#state&stateKey=" + g.id();
    }

    private String events(Gateway g, SimDevice d, boolean register) {
        return "whatsdev:" + g.id() + "/events?webhookSecret=RAW(" + SECRET + ")&" + reach(g, d)
               + (register ? "&registerWebhook=true&webhookBaseUrl=http://127.0.0.1:" + port : "");
    }

    /** Starts Camel Main on the port with the routes from these URIs, each to the same collector. */
    private void start(String... uris) throws Exception {
        main = harness.newMain();
        main.bind("state", state);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                for (String uri : uris) {
                    from(uri).process(e -> receive(e));
                }
            }
        });
        main.start();
    }

    private void receive(Exchange e) {
        if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the route fails this time");
        }
        received.add(e.copy());
    }

    private List<StatusChange> changes() {
        List<StatusChange> out = new ArrayList<>();
        for (Exchange e : received) {
            if (e.getMessage().getBody() instanceof StatusChange c) {
                out.add(c);
            }
        }
        return out;
    }

    private List<String> transitions() {
        return changes().stream().map(c -> c.getPrevious() + "->" + c.getCurrent()).toList();
    }

    private void awaitStatus(DeviceStatus status) throws InterruptedException {
        Await.until(() -> changes().stream().anyMatch(c -> c.getCurrent() == status), status + " routed (so far "
                                                                                       + transitions() + ")", WAIT);
    }

    private void awaitNotConnected() throws InterruptedException {
        Await.until(() -> !changes().isEmpty() && changes().get(changes().size() - 1).getCurrent() != DeviceStatus.CONNECTED
                          && changes().stream().anyMatch(c -> c.getCurrent() == DeviceStatus.CONNECTED),
                "a status other than CONNECTED after CONNECTED (so far " + transitions() + ")", WAIT);
    }

    private static List<CallbackDelivery> acknowledged(Callbacks callbacks, int count) {
        return callbacks.await(d -> d.stream().filter(x -> x.outcome() == Outcome.ACKNOWLEDGED).count() >= count, WAIT);
    }

    /** Each change starts where the one before ended, and none repeats: no transition emitted twice, none missed. */
    private void assertOneChain() {
        List<StatusChange> all = changes();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            StatusChange c = all.get(i);
            assertNotEquals(c.getPrevious(), c.getCurrent(), "not a change: " + transitions());
            if (i > 0) {
                assertEquals(all.get(i - 1).getCurrent(), c.getPrevious(), "a transition was missed: " + transitions());
            }
            assertTrue(seen.add(c.getPrevious() + "->" + c.getCurrent()), "a transition was emitted twice: " + transitions());
        }
    }

    /**
     * The phone goes away. whatsgate-org pushes no event for an unlinked phone: its one documented end of a session,
     * {@code disconnect}, is "WhatsApp disconnect and session removal", so there the session is deleted.
     */
    private static void disconnect(Gateway g, SimDevice d) {
        if (g.id().equals("whatsgate-org")) {
            d.delete();
        } else {
            d.unlink();
        }
    }

    /** whatsgate-org's event_date has whole seconds: a later event must fall in a later second to be seen as later. */
    private static void nextSecond() throws InterruptedException {
        long second = Instant.now().getEpochSecond();
        Await.until(() -> Instant.now().getEpochSecond() > second, "the next second", Duration.ofSeconds(3));
    }

    // ------------------------------------------------------------------ scenarios

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushing")
    void aRegisteredCallbackCarriesTheLifecycleToTheRoute(Gateway g) throws Exception {
        SimDevice d = device(g);
        start(events(g, d, true));
        d.issueQr();
        nextSecond();
        d.scan();
        awaitStatus(DeviceStatus.CONNECTED);
        nextSecond();
        disconnect(g, d);
        awaitNotConnected();
        assertOneChain();
        assertTrue(changes().stream().allMatch(c -> c.getDevice().getId().equals(d.id())), transitions()::toString);
        assertTrue(received.stream().allMatch(e -> e.getMessage().getHeader(WhatsDevConstants.EVENT_TYPE) != null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushing")
    void aCallbackWithAnotherSecretIsRefusedAndEmitsNothing(Gateway g) throws Exception {
        SimDevice d = device(g);
        start(events(g, d, false));
        // registered through the producer, with a secret the consumer does not know
        main.getCamelContext().createProducerTemplate().requestBody("whatsdev:" + g.id() + "/devices?operation=setWebhook"
                + "&deviceId=" + d.id() + "&webhookSecret=RAW(not-the-secret)&webhookUrl=http://127.0.0.1:" + port
                + "/whatsdev/" + g.id() + "&" + reach(g, d).replaceAll("&deviceIds=[^&]*|&stateRepository=[^&]*|&stateKey=[^&]*", ""),
                (Object) null, Device.class);
        d.issueQr();
        d.scan();
        List<CallbackDelivery> all = sim.callbacks(g).await(x -> !x.isEmpty(), WAIT);
        sim.callbacks(g).awaitIdle(WAIT);
        assertTrue(all.stream().allMatch(x -> x.status() == 401), all::toString);
        assertEquals(List.of(), received);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushing")
    void aFailedExchangeIsNotAcknowledgedAndItsRedeliveryIsRouted(Gateway g) throws Exception {
        assumeTrue(!g.id().equals("witime"), "witime documents no retry of its PostBacks");
        SimDevice d = device(g);
        start(events(g, d, true));
        failuresToCome.set(1);
        d.scan();
        awaitStatus(DeviceStatus.CONNECTED);
        List<CallbackDelivery> all = sim.callbacks(g).awaitIdle(WAIT);
        assertEquals(500, all.get(0).status(), all::toString);
        assertEquals(Outcome.NOT_ACKNOWLEDGED, all.get(0).outcome(), all::toString);
        assertTrue(all.stream().anyMatch(x -> x.attempt() > 1 && x.outcome() == Outcome.ACKNOWLEDGED), all::toString);
        assertEquals(1, changes().stream().filter(c -> c.getCurrent() == DeviceStatus.CONNECTED).count(), transitions()::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushing")
    void aDuplicateDeliveryIsRoutedOnce(Gateway g) throws Exception {
        SimDevice d = device(g);
        start(events(g, d, true));
        sim.callbacks(g).duplicateNext();
        d.scan();
        List<CallbackDelivery> all = acknowledged(sim.callbacks(g), 2);
        assertEquals(all.get(0).text(), all.get(1).text(), "the simulator sent the same callback twice");
        awaitStatus(DeviceStatus.CONNECTED);
        sim.callbacks(g).awaitIdle(WAIT);
        assertEquals(1, changes().stream().filter(c -> c.getCurrent() == DeviceStatus.CONNECTED).count(), transitions()::toString);
        assertOneChain();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushing")
    void anOlderDeliveryDoesNotRollTheDeviceBack(Gateway g) throws Exception {
        assumeTrue(!g.id().equals("witime"), "witime's PostBack carries no documented time");
        SimDevice d = device(g);
        start(events(g, d, true));
        sim.callbacks(g).reorderNextTwo();
        d.scan(); // held
        nextSecond();
        disconnect(g, d); // its first callback goes out first, then the held one
        sim.callbacks(g).await(x -> x.size() >= 2, WAIT);
        List<CallbackDelivery> all = sim.callbacks(g).awaitIdle(WAIT);
        awaitNotConnected_orNone();
        assertTrue(changes().stream().noneMatch(c -> c.getCurrent() == DeviceStatus.CONNECTED),
                "the older CONNECTED rolled the device back: " + transitions() + "; deliveries " + all);
        assertTrue(!changes().isEmpty(), "the newer status was routed: " + all);
    }

    private void awaitNotConnected_orNone() throws InterruptedException {
        Await.until(() -> !changes().isEmpty(), "a status change routed (so far " + transitions() + ")", WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushing")
    void pushAndPollSharingTheStateEmitEachTransitionOnce(Gateway g) throws Exception {
        SimDevice d = device(g);
        String poll = "whatsdev:" + g.id() + "/devices?" + reach(g, d) + "&delay=50&initialDelay=0";
        start(events(g, d, true), poll);
        settle(g);
        d.issueQr();
        settle(g);
        nextSecond();
        d.scan();
        awaitStatus(DeviceStatus.CONNECTED);
        settle(g);
        nextSecond();
        disconnect(g, d);
        awaitNotConnected();
        settle(g);
        sim.callbacks(g).awaitIdle(WAIT);
        settle(g);
        assertOneChain();
    }

    /** Three more polls reached the gateway and no callback is on its way: what they found has been routed. */
    private void settle(Gateway g) throws InterruptedException {
        sim.callbacks(g).awaitIdle(WAIT);
        int before = sim.requests(g).size();
        Await.until(() -> sim.requests(g).size() >= before + 3, "three more polls of " + g.id(), WAIT);
    }
}
