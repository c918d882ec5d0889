package io.restream.core.retry;

import java.time.Duration;

/**
 * Reconnect pauses: {@code min}, doubling up to {@code max}; back to {@code min} after a good run.
 * The one backoff of the project (worker destinations, platform chat sessions). Safe to share
 * between the threads of one session.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private Duration next; // guarded by this

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= min <= max, got " + min + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** The pause to take now; the one after it is twice as long, at most {@code max}. */
    public synchronized Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return now;
    }

    /** After a good run: the next pause is {@code min} again. */
    public synchronized void reset() {
        next = min;
    }
}
