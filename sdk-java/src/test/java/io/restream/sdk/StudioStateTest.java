package io.restream.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Comment deduplication, the latest-200 window, and late answers about superseded jobs. */
class StudioStateTest {
    @Test
    void commentsAreDeduplicatedAndOnlyTheLatest200Kept() {
        Listeners listeners = new Listeners();
        StudioState state = new StudioState(listeners);
        for (int i = 0; i < 250; i++) assertTrue(state.comment(new Comment("twitch:" + i, "twitch", "a", "m" + i, i)));
        assertFalse(state.comment(new Comment("twitch:249", "twitch", "a", "again", 249)));
        assertFalse(state.comment(new Comment("twitch:3", "twitch", "a", "evicted but seen", 3)), "an evicted id is still known");
        assertEquals(200, state.comments().size());
        assertEquals("twitch:50", state.comments().get(0).id(), "oldest first");
        assertEquals("twitch:249", state.comments().get(199).id());
        listeners.close();
    }

    @Test
    void aLateAnswerAboutAnOlderJobDoesNotReplaceTheNewerCurrentJob() {
        Listeners listeners = new Listeners();
        StudioState state = new StudioState(listeners);
        ObjectMapper m = new ObjectMapper();
        state.job(m.valueToTree(Map.of("id", "job_new", "status", "queued", "createdAt", 2000)));
        state.job(m.valueToTree(Map.of("id", "job_old", "status", "stopped", "createdAt", 1000)));
        assertEquals("job_new", state.job().orElseThrow().id());
        state.job(m.valueToTree(Map.of("id", "job_new", "status", "running", "createdAt", 2000)));
        assertEquals("running", state.job().orElseThrow().status());
        listeners.close();
    }
}
