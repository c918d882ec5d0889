package io.restream.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromMinUpToMaxAndStartsOverAfterReset() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) pauses.add(b.next().toMillis());
        assertEquals(List.of(500L, 1000L, 2000L, 3000L, 3000L, 3000L), pauses);
        b.reset();
        assertEquals(500, b.next().toMillis());
    }

    @Test
    void refusesAMaxBelowTheMin() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
