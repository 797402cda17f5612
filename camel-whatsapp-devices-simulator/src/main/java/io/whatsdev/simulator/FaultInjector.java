package io.whatsdev.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Faults for one gateway's API calls (not the admin surface, not the QR image pages). Queued faults are used first, one
 * per request, in order; then the {@link #always(Fault) permanent} fault, if any. Thread safe.
 */
public final class FaultInjector {

    private final Deque<Fault> queue = new ArrayDeque<>();
    private Fault always;

    FaultInjector() {
    }

    /** The next request to this gateway gets the fault, once. */
    public FaultInjector next(Fault fault) {
        return next(fault, 1);
    }

    /** The next {@code times} requests to this gateway get the fault. */
    public synchronized FaultInjector next(Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
        return this;
    }

    /** Every request to this gateway (after the queued faults) gets the fault, until {@link #clear()}. */
    public synchronized FaultInjector always(Fault fault) {
        this.always = Objects.requireNonNull(fault, "fault");
        return this;
    }

    /** Removes the queued and the permanent fault. */
    public synchronized void clear() {
        queue.clear();
        always = null;
    }

    /** How many queued faults are left (the permanent one not counted). */
    public synchronized int pending() {
        return queue.size();
    }

    /** The fault for the request being served, or null. */
    synchronized Fault take() {
        Fault f = queue.poll();
        return f != null ? f : always;
    }
}
