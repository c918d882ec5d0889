package io.restream.worker.destinations;

import java.time.Duration;

/** Reconnect pauses: {@code min}, doubling up to {@code max}; back to {@code min} after a good run. */
final class Backoff {
    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return now;
    }

    void reset() { next = min; }
}
