package io.whatsdev.camel;

import org.apache.camel.Consumer;

/**
 * One poll of a whatsdev polling consumer, on the caller's thread, as its scheduler would run it: the benchmarks drive
 * the consumer themselves (its scheduler not started), so that one invocation is exactly one poll. In the component's
 * package because {@link WhatsDevConsumer#poll()} is protected; the benchmarks module only, never the component.
 */
public final class ConsumerPoll {

    private ConsumerPoll() {
    }

    /** Polls once; the number of exchanges it emitted. */
    public static int once(Consumer consumer) throws Exception {
        return ((WhatsDevConsumer) consumer).poll();
    }
}
