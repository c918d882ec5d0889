package io.restream.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.model.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OAuthConfigTest {
    @Test
    void sandboxPointsEveryPlatformAtTheSimulator() {
        Problems problems = new Problems();
        OAuthConfig c = OAuthConfig.from(Settings.of(Map.of("RESTREAM_TWITCH_API_URL", "https://ignored.example")), problems, true,
                Optional.of("http://127.0.0.1:8090/"));
        problems.throwIfAny();
        for (Platform p : Platform.values()) {
            if (!p.oauth()) continue;
            PlatformEndpoints e = c.endpoints(p).orElseThrow();
            assertEquals("sim-" + p.id() + "-client", e.clientId());
            assertEquals("sim-" + p.id() + "-secret", e.clientSecret().reveal());
            for (String url : new String[] {e.authUrl(), e.tokenUrl(), e.revokeUrl(), e.apiUrl()}) {
                String prefix = "http://127.0.0.1:8090/" + p.id();
                assertTrue(url.equals(prefix) || url.startsWith(prefix + "/"), p + ": " + url);
            }
        }
        assertEquals("http://127.0.0.1:8090/twitch/helix", c.endpoints(Platform.TWITCH).orElseThrow().apiUrl());
        assertEquals("http://127.0.0.1:8090/facebook/graph/v23.0/oauth/access_token", c.endpoints(Platform.FACEBOOK).orElseThrow().tokenUrl());
    }

    @Test
    void productionConfiguresOnlyPlatformsWithCredentialsAndKeepsThePlatformsUrls() throws Exception {
        Path secretFile = Files.createTempFile("kick", ".secret");
        Files.writeString(secretFile, "kick-secret\n");
        Problems problems = new Problems();
        OAuthConfig c = OAuthConfig.from(Settings.of(Map.of(
                "RESTREAM_TWITCH_CLIENT_ID", "tw", "RESTREAM_TWITCH_CLIENT_SECRET", "tws",
                "RESTREAM_KICK_CLIENT_ID", "k", "RESTREAM_KICK_CLIENT_SECRET_FILE", secretFile.toString(),
                "RESTREAM_KICK_API_URL", "https://kick-proxy.example/")), problems, false, Optional.empty());
        problems.throwIfAny();
        assertTrue(c.endpoints(Platform.TWITCH).isPresent());
        assertFalse(c.endpoints(Platform.YOUTUBE).isPresent(), "no credentials: disabled");
        assertFalse(c.endpoints(Platform.FACEBOOK).isPresent());
        PlatformEndpoints twitch = c.endpoints(Platform.TWITCH).orElseThrow();
        assertEquals("https://id.twitch.tv/oauth2/authorize", twitch.authUrl());
        assertEquals("https://api.twitch.tv/helix", twitch.apiUrl());
        assertEquals("https://id.twitch.tv/oauth2/validate", twitch.more("validate"));
        PlatformEndpoints kick = c.endpoints(Platform.KICK).orElseThrow();
        assertEquals("kick-secret", kick.clientSecret().reveal());
        assertEquals("https://kick-proxy.example", kick.apiUrl());
        assertFalse(kick.toString().contains("kick-secret"), "secrets never in toString");
        assertEquals(300, c.refreshMargin().toSeconds());
        assertEquals(3600, c.twitchValidateInterval().toSeconds());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Problems problems = new Problems();
        OAuthConfig.from(Settings.of(Map.of(
                "RESTREAM_TWITCH_CLIENT_ID", "only-id",
                "RESTREAM_YOUTUBE_CLIENT_ID", "y", "RESTREAM_YOUTUBE_CLIENT_SECRET", "ys", "RESTREAM_YOUTUBE_TOKEN_URL", "not a url",
                "RESTREAM_OAUTH_REFRESH_MARGIN_SECONDS", "-5")), problems, false, Optional.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class, problems::throwIfAny);
        assertTrue(e.getMessage().contains("RESTREAM_TWITCH_CLIENT_ID and RESTREAM_TWITCH_CLIENT_SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("RESTREAM_YOUTUBE_TOKEN_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("RESTREAM_OAUTH_REFRESH_MARGIN_SECONDS"), e.getMessage());
    }

    @Test
    void sandboxWithoutTheSimulatorIsAProblem() {
        Problems problems = new Problems();
        OAuthConfig.from(Settings.of(Map.of()), problems, true, Optional.empty());
        assertThrows(IllegalStateException.class, problems::throwIfAny);
    }
}
