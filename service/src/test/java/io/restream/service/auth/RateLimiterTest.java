package io.restream.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void burstThenSustainedRatePerCredential() {
        RateLimiter limiter = new RateLimiter(3, 2);
        long t = 1_000_000;
        for (int i = 0; i < 3; i++) assertEquals(0, limiter.acquire("a", t));
        long wait = limiter.acquire("a", t);
        assertTrue(wait >= 1, "the burst is spent");
        assertEquals(0, limiter.acquire("b", t), "other credentials are unaffected");
        assertEquals(0, limiter.acquire("a", t + 500), "2/s refills one token in 500 ms");
        assertTrue(limiter.acquire("a", t + 500) > 0);
    }
}
