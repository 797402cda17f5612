package io.whatsdev.benchmarks;

import io.whatsdev.benchmarks.CallbackLatencyBenchmark.Delivered;
import io.whatsdev.benchmarks.CallbackLatencyBenchmark.NextCallback;
import io.whatsdev.benchmarks.CallbackLatencyBenchmark.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's states driven by hand, as JMH drives them, without JMH: a callback that is not routed cannot pass
 * for a measurement.
 */
class CallbackLatencyBenchmarkTest {

    private final CallbackLatencyBenchmark benchmark = new CallbackLatencyBenchmark();
    private final Server server = new Server();
    private final NextCallback callback = new NextCallback();
    private final Delivered delivered = new Delivered();

    @BeforeEach
    void start() throws Exception {
        server.start();
        callback.open(0);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private void invokeEvents(int times) throws Exception {
        for (int i = 0; i < times; i++) {
            callback.sign();
            assertEquals(200, benchmark.events(server, callback, delivered));
        }
    }

    @Test
    void everyEventsInvocationReachesTheRoute() throws Exception {
        delivered.before(server, callback);
        invokeEvents(20);
        delivered.check();
        assertEquals(20, delivered.answered);
        assertEquals(20, delivered.routed);
        assertEquals(1, server.client().openConnections(), "one connection, kept alive from request to request");
    }

    @Test
    void theBaselineAnswersTheSameBytesWithoutRoutingThem() throws Exception {
        delivered.before(server, callback);
        for (int i = 0; i < 5; i++) {
            callback.sign();
            assertEquals(200, benchmark.baseline(server, callback));
        }
        delivered.check();
        assertEquals(0, delivered.routed);
    }

    @Test
    void aRefusedCallbackFailsTheInvocation() throws Exception {
        WahaStatusCallbacks forged = new WahaStatusCallbacks("bench-0", "not-the-secret");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.postEvent(forged.next()));
        assertTrue(e.getMessage().contains("answered 401"), e.getMessage());
    }

    @Test
    void aCallbackAnsweredButNotRoutedFailsTheIteration() throws Exception {
        delivered.before(server, callback);
        invokeEvents(3);
        // a repeated delivery is answered 200 (an acknowledged redelivery) but not routed again
        callback.sign();
        WahaStatusCallbacks.Delivery once = callback.delivery();
        server.postEvent(once);
        server.postEvent(once);
        delivered.answered += 2;
        IllegalStateException e = assertThrows(IllegalStateException.class, delivered::check);
        assertTrue(e.getMessage().contains("received 4 of the 5 callbacks"), e.getMessage());
    }
}
