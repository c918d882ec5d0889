package io.restream.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    @Test
    void defaults() {
        Problems problems = new Problems();
        WorkerConfig c = WorkerConfig.from(Settings.of(Map.of()), problems);
        problems.throwIfAny();
        assertEquals(Optional.empty(), c.sourceUrlTemplate());
        assertEquals(30_000, c.sourceGraceMs());
        assertEquals(10_000, c.sourceOpenTimeoutMs());
        assertEquals(1080, c.maxHeight());
        assertEquals(1280, c.demoWidth());
        assertTrue(c.leaseMs() + 2 * c.heartbeatMs() < 15_000, "a dead worker's job is claimed well within 15 s (lease expiry, then unleased at two scans)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Problems problems = new Problems();
        WorkerConfig.from(Settings.of(Map.of(
                "RESTREAM_SOURCE_URL_TEMPLATE", "ftp://x/{id}",
                "RESTREAM_SOURCE_GRACE_MS", "soon",
                "RESTREAM_DEMO_SIZE", "big",
                "RESTREAM_X264_PRESET", "warp")), problems);
        IllegalStateException e = assertThrows(IllegalStateException.class, problems::throwIfAny);
        for (String key : new String[] {"RESTREAM_SOURCE_URL_TEMPLATE", "RESTREAM_SOURCE_GRACE_MS", "RESTREAM_DEMO_SIZE", "RESTREAM_X264_PRESET"}) {
            assertTrue(e.getMessage().contains(key), key + " in " + e.getMessage());
        }
    }
}
