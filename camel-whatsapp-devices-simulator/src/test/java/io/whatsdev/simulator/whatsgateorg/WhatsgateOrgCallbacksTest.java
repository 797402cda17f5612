package io.whatsdev.simulator.whatsgateorg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whatsdev.simulator.CallbackDelivery;
import io.whatsdev.simulator.CallbackDelivery.Outcome;
import io.whatsdev.simulator.CallbackReceiver;
import io.whatsdev.simulator.CallbackReceiver.Reply;
import io.whatsdev.simulator.Callbacks;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** whatsgate-org's callbacks: the documented body, the retries until acknowledged, and the on-demand controls. */
class WhatsgateOrgCallbacksTest {

    static final Gateway G = Gateway.of(WhatsgateOrgSimulation.ID);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    GatewaySimulator sim;
    CallbackReceiver receiver;
    Callbacks callbacks;

    @BeforeEach
    void start() {
        sim = GatewaySimulator.start().callbackRetryDelayMillis(50);
        receiver = new CallbackReceiver().answer(CallbackReceiverAcks::whatsgateOrg);
        callbacks = sim.callbacks(G);
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    /** whatsgate-org's acknowledgement, echoing the id. */
    static final class CallbackReceiverAcks {
        static Reply whatsgateOrg(CallbackReceiver.Received r) {
            try {
                return new Reply(200, "{\"result\":\"OK\",\"id\":" + JSON.readTree(r.body()).get("id") + "}");
            } catch (Exception e) {
                return new Reply(400, "{}");
            }
        }
    }

    SimDevice device(String id) {
        return sim.createDevice(G, id, "Vasya").webhook(receiver.url() + "?secret=s");
    }

    static JsonNode json(CallbackDelivery d) throws Exception {
        return JSON.readTree(d.text());
    }

    @Test
    void readyOnScanAndDisconnectOnDelete() throws Exception {
        SimDevice d = device("1911111111111").phone("79999999999");
        d.issueQr(); // no callback for a QR code
        d.scan();
        d.delete();
        List<CallbackDelivery> all = callbacks.await(2, WAIT);
        assertEquals(2, all.size(), all::toString);
        JsonNode ready = json(all.get(0));
        assertEquals(List.of("id", "whatsapp_id", "event_action", "event_date", "status_code", "event_data"), fields(ready));
        assertEquals(1, ready.get("id").asLong());
        assertEquals("1911111111111", ready.get("whatsapp_id").asText());
        assertEquals("ready", ready.get("event_action").asText());
        assertTrue(ready.get("event_date").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), ready.toString());
        assertTrue(ready.get("status_code").isNull());
        assertEquals("Vasya", ready.get("event_data").get("pushname").asText());
        assertEquals("79999999999", ready.get("event_data").get("number").asText());
        JsonNode disconnect = json(all.get(1));
        assertEquals(2, disconnect.get("id").asLong());
        assertEquals("disconnect", disconnect.get("event_action").asText());
        assertTrue(disconnect.get("event_data").isNull());
        assertEquals(receiver.url() + "?secret=s", all.get(0).url());
        assertEquals("application/json", all.get(0).headers().get("Content-Type"));
        assertTrue(all.stream().allMatch(x -> x.outcome() == Outcome.ACKNOWLEDGED && x.status() == 200), all::toString);
        assertEquals(2, receiver.received().size());
        assertEquals("secret=s", receiver.received().get(0).query());
    }

    @Test
    void aWebhookOffThisMachineIsRecordedButNeverCalled() {
        sim.createDevice(G, "1955555555555", "Elsewhere").webhook("https://callback.example/hook?secret=s").scan();
        List<CallbackDelivery> all = callbacks.await(1, WAIT);
        assertEquals(Outcome.NOT_LOOPBACK, all.get(0).outcome());
        assertEquals(0, all.get(0).status());
        assertEquals(0, receiver.received().size(), "nothing reached any receiver");
    }

    @Test
    void retriedUntilAcknowledged() {
        AtomicInteger failures = new AtomicInteger(2);
        receiver.answer(r -> failures.getAndDecrement() > 0 ? new Reply(500, "{\"error\":\"not processed\"}")
                : CallbackReceiverAcks.whatsgateOrg(r));
        device("1922222222222").scan();
        List<CallbackDelivery> all = callbacks.await(3, WAIT);
        assertEquals(List.of(Outcome.NOT_ACKNOWLEDGED, Outcome.NOT_ACKNOWLEDGED, Outcome.ACKNOWLEDGED),
                all.stream().map(CallbackDelivery::outcome).toList());
        assertEquals(List.of(1, 2, 3), all.stream().map(CallbackDelivery::attempt).toList());
        assertEquals(3, callbacks.awaitIdle(WAIT).size(), "no attempt after the acknowledgement");
    }

    @Test
    void aWrongAcknowledgementIsRetriedThreeTimesThenGivenUp() {
        receiver.answer(r -> new Reply(200, "{\"result\":\"OK\",\"id\":999}"));
        device("1933333333333").scan();
        List<CallbackDelivery> all = callbacks.await(4, WAIT);
        assertEquals(4, callbacks.awaitIdle(WAIT).size(), all::toString);
        assertTrue(callbacks.deliveries().stream().allMatch(x -> x.outcome() == Outcome.NOT_ACKNOWLEDGED));
    }

    @Test
    void aRefusalIsRetriedLikeAnyOtherAnswerAtAConstantDelay() {
        // unlike Evolution, whatsgate-org retries every answer but its acknowledgement, a 401 too
        receiver.answer(r -> new Reply(401, "{}"));
        device("1988888888888").scan();
        List<CallbackDelivery> all = callbacks.await(WhatsgateOrgApi.CALLBACK_ATTEMPTS, WAIT);
        assertEquals(WhatsgateOrgApi.CALLBACK_ATTEMPTS, callbacks.awaitIdle(WAIT).size(), all::toString);
        assertTrue(all.stream().allMatch(x -> x.status() == 401 && x.outcome() == Outcome.NOT_ACKNOWLEDGED), all::toString);
        for (int i = 1; i < all.size(); i++) {
            // the override (50 ms) is the delay before every retry: a constant delay, no backoff to scale
            assertTrue(Duration.between(all.get(i - 1).at(), all.get(i).at()).toNanos() >= 49_000_000, all::toString);
        }
    }

    @Test
    void anUnreachableReceiverIsRetriedToo() {
        receiver.close();
        device("1944444444444").scan();
        List<CallbackDelivery> all = callbacks.await(4, WAIT);
        assertTrue(all.stream().allMatch(x -> x.outcome() == Outcome.NO_ANSWER && x.status() == 0), all::toString);
    }

    @Test
    void onDemandDropDuplicateAndReorder() throws Exception {
        SimDevice a = device("1955555555555");
        callbacks.dropNext();
        a.scan();
        callbacks.await(1, WAIT);
        assertEquals(Outcome.DROPPED, callbacks.deliveries().get(0).outcome());
        assertEquals(0, receiver.received().size());

        callbacks.clear();
        callbacks.duplicateNext();
        a.unlink().scan();
        List<CallbackDelivery> dup = callbacks.await(2, WAIT);
        assertEquals(json(dup.get(0)), json(dup.get(1)));

        callbacks.clear();
        SimDevice b = device("1966666666666");
        callbacks.reorderNextTwo();
        b.scan();
        assertEquals(0, callbacks.awaitIdle(WAIT).size(), "the first is held");
        b.delete();
        List<CallbackDelivery> swapped = callbacks.await(2, WAIT);
        assertEquals("disconnect", json(swapped.get(0)).get("event_action").asText());
        assertEquals("ready", json(swapped.get(1)).get("event_action").asText());
    }

    @Test
    void noWebhookNoCallback() {
        sim.createDevice(G, "1977777777777", "x").scan();
        assertEquals(0, callbacks.awaitIdle(WAIT).size());
    }

    static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
