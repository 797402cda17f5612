package io.whatsdev.benchmarks;

import java.lang.management.ManagementFactory;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bytes the benchmark's thread allocated per operation in an iteration ({@code com.sun.management.ThreadMXBean}),
 * reported by JMH beside the time as the secondary result {@code bytesPerOp}, so that one run gives both.
 * <p>
 * Why not JMH's {@code -prof gc}: its {@code gc.alloc.rate.norm} counts every thread of the JVM, and the loopback gateway
 * runs in the same JVM, so it would add the server's allocation, the same for both sides of a ratio, and shrink the
 * ratio. The calls measured here (whatsdev's producer, its poll of one gateway, camel-http's producer, the raw
 * HttpClient 5 call) run on the calling thread, so the calling thread's allocation is theirs. {@code -prof gc} still
 * works, for the whole process.
 * <p>
 * A benchmark calls {@link #count()} once per operation; one thread per benchmark (JMH sums the counters of threads).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CallerAllocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long startBytes;
    private long operations;
    private double perOperation;

    @Setup(Level.Iteration)
    public void begin() {
        operations = 0;
        startBytes = THREADS.getCurrentThreadAllocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void end() {
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
        perOperation = operations == 0 ? Double.NaN : (double) allocated / operations;
    }

    /** One more operation in this iteration. */
    void count() {
        operations++;
    }

    /** Bytes allocated by this thread per operation, over the last iteration. */
    public double bytesPerOp() {
        return perOperation;
    }
}
