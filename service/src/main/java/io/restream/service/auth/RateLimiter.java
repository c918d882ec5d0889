package io.restream.service.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per credential on this node: {@code burst} requests at once, refilled at
 * {@code perSecond}. Idle buckets are forgotten so the map stays small.
 */
public final class RateLimiter {
    private static final long IDLE_FORGET_MS = 120_000;

    private final double burst;
    private final double perMs;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(long burst, long perSecond) {
        this.burst = burst;
        this.perMs = perSecond / 1000.0;
    }

    /** 0 when the request may go ahead, else the whole seconds to wait ({@code Retry-After}). */
    public long acquire(String credential, long nowMs) {
        Bucket b = buckets.computeIfAbsent(credential, k -> new Bucket(burst, nowMs));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowMs - b.updatedMs) * perMs);
            b.updatedMs = nowMs;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perMs / 1000.0));
        }
    }

    /** Drops buckets that have been full and idle for a while; called periodically. */
    public void forgetIdle(long nowMs) {
        buckets.entrySet().removeIf(e -> nowMs - e.getValue().updatedMs > IDLE_FORGET_MS);
    }

    private static final class Bucket {
        double tokens;
        long updatedMs;

        Bucket(double tokens, long updatedMs) {
            this.tokens = tokens;
            this.updatedMs = updatedMs;
        }
    }
}
