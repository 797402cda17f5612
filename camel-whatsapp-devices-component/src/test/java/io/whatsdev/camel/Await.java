package io.whatsdev.camel;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in a test, never for a fixed time. */
final class Await {

    private Await() {
    }

    /** Waits up to the limit for the condition; fails naming what did not happen. */
    static void until(BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
