package io.restream.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.Platform;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformModulesTest {
    @Test
    void everyPlatformHasExactlyOneModule() {
        Set<Platform> seen = EnumSet.noneOf(Platform.class);
        for (PlatformModule m : PlatformModules.all()) assertTrue(seen.add(m.platform()), "registered twice: " + m.platform());
        assertEquals(EnumSet.allOf(Platform.class), seen);
    }

    @Test
    void pastedOnlyEnablesTheDestinationsWithoutAnApi() {
        PlatformAdapters a = PlatformAdapters.pastedOnly();
        for (Platform p : Platform.values()) assertEquals(!p.oauth(), a.enabled(p), p.id());
        assertTrue(a.chat().source(Platform.TWITCH).isEmpty());
    }

    @Test
    void theSimulatorsChatAdaptersCoverEveryChatPlatform() {
        ChatEndpoints sim = ChatEndpoints.simulator("http://127.0.0.1:8090/");
        assertEquals("ws://127.0.0.1:8090/twitch/eventsub/ws", sim.platform(Platform.TWITCH).get("eventsub"));
        assertEquals("http://127.0.0.1:8090/facebook/streaming", sim.platform(Platform.FACEBOOK).get("streaming"));
        ChatAdapters chat = ChatAdapters.forPlatforms(sim);
        for (Platform p : Platform.values()) {
            assertEquals(p.chat(), chat.source(p).isPresent(), p.id() + " source");
            assertEquals(p.chat(), chat.sender(p).isPresent(), p.id() + " sender");
            assertEquals(p.viewers(), chat.viewers(p).isPresent(), p.id() + " viewers");
        }
        assertTrue(chat.kickWebhooks().isPresent());
        assertFalse(ChatAdapters.forPlatforms(sim, EnumSet.of(Platform.TWITCH)).kickWebhooks().isPresent(), "Kick not enabled");
    }
}
