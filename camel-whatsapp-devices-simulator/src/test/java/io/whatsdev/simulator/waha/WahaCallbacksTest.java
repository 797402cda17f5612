package io.whatsdev.simulator.waha;

import java.time.Duration;
import java.util.List;

import io.whatsdev.simulator.CallbackDelivery;
import io.whatsdev.simulator.CallbackDelivery.Outcome;
import io.whatsdev.simulator.CallbackReceiver;
import io.whatsdev.simulator.CallbackReceiver.Reply;
import io.whatsdev.simulator.Callbacks;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WAHA's webhook retries: the webhook's {@code retries.attempts}, every answer but a 2xx retried (a 401 too). */
class WahaCallbacksTest {

    static final Gateway G = Gateway.of(WahaSimulation.ID);
    static final Duration WAIT = Duration.ofSeconds(10);

    GatewaySimulator sim;
    CallbackReceiver receiver;
    Callbacks callbacks;

    @BeforeEach
    void start() {
        sim = GatewaySimulator.start().callbackRetryDelayMillis(20);
        receiver = new CallbackReceiver();
        callbacks = sim.callbacks(G);
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void aRefusalIsRetriedWhileTheWebhooksAttemptsLast() {
        receiver.answer(r -> new Reply(401, "{}"));
        sim.createDevice(G, "retried", "Vasya").attribute(WahaApi.CONFIG, "{\"webhooks\":[{\"url\":\"" + receiver.url()
                + "\",\"events\":[\"session.status\"],\"retries\":{\"attempts\":3,\"delaySeconds\":2}}]}").issueQr();
        List<CallbackDelivery> all = callbacks.awaitIdle(WAIT);
        assertTrue(!all.isEmpty() && all.size() % 3 == 0, all::toString);
        assertTrue(all.stream().allMatch(x -> x.status() == 401 && x.outcome() == Outcome.NOT_ACKNOWLEDGED), all::toString);
        assertEquals(List.of(1, 2, 3), all.stream().filter(x -> x.text().equals(all.get(0).text())).map(CallbackDelivery::attempt).toList());
    }
}
