package io.whatsdev.camel;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A state repository in memory that counts what is asked of it: calls, bytes read and written, and the writes of one
 * key (the tracker's index). For proving how much work a poll does by counting, never by timing.
 */
final class CountingStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private final MemoryStateRepository delegate = new MemoryStateRepository();
    private final String watchedKey;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong sets = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong watchedKeyWrites = new AtomicLong();

    /** @param watchedKey the key whose writes are counted apart (such as {@code <prefix>#devices}) */
    CountingStateRepository(String watchedKey) {
        this.watchedKey = watchedKey;
    }

    @Override
    public String getState(String key) {
        gets.incrementAndGet();
        String value = delegate.getState(key);
        bytesRead.addAndGet(value == null ? 0 : value.length());
        return value;
    }

    @Override
    public void setState(String key, String value) {
        sets.incrementAndGet();
        bytesWritten.addAndGet(value.length());
        if (key.equals(watchedKey)) {
            watchedKeyWrites.incrementAndGet();
        }
        delegate.setState(key, value);
    }

    /** Sets the counts back to zero (the stored state stays). */
    void resetCounts() {
        gets.set(0);
        sets.set(0);
        bytesRead.set(0);
        bytesWritten.set(0);
        watchedKeyWrites.set(0);
    }

    /** The counts, for a failure message or a report. */
    String counts() {
        return "gets=" + gets + " sets=" + sets + " bytesRead=" + bytesRead + " bytesWritten=" + bytesWritten
               + " indexWrites=" + watchedKeyWrites;
    }
}
