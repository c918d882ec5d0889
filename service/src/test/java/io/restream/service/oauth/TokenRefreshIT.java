package io.restream.service.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.StoredConnection;
import io.restream.core.model.Platform;
import io.restream.platforms.port.IngestTarget;
import io.restream.platforms.port.JobContext;
import io.restream.platforms.port.PlatformException;
import io.restream.testkit.Fixture;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Platform tokens kept usable behind the user's back, through the broadcast set-up the worker
 * calls: access tokens about to expire are refreshed first (rotated refresh tokens saved, or the
 * next refresh would fail), tokens the platform expired early are refreshed on the 401, Twitch
 * tokens are validated hourly, Facebook's token is the long-lived one, and a refused refresh marks
 * the connection {@code needsReconnect}.
 */
class TokenRefreshIT {
    @RegisterExtension
    static final Fixture<PlatformsTestBed> bed = Fixture.perClass(PlatformsTestBed::new);

    @ParameterizedTest
    @CsvSource({"twitch, true", "kick, true", "youtube, false"})
    void shortLivedAccessTokensAreRefreshedBeforeUseAndRotatedRefreshTokensSaved(String platform, boolean rotates) throws Exception {
        var user = bed.get().newUser();
        bed.get().simJson("PUT", "/sim/" + platform + "/tokens", "{\"accessTtlSeconds\": 2}");
        try {
            assertTrue(bed.get().connect(user, platform, true, "short_" + platform).ok());
            StoredConnection first = bed.get().stored(user, platform);
            int refreshes = refreshes(platform);

            IngestTarget target = setUp(user, platform, "job_refresh_1");
            assertTrue(target.pushUrl().reveal().startsWith("rtmp"), "went live after a silent refresh");
            assertEquals(refreshes + 1, refreshes(platform), "refreshed ahead of expiry, once");
            StoredConnection second = bed.get().stored(user, platform);
            assertNotEquals(first.secrets().accessToken(), second.secrets().accessToken());
            assertEquals(rotates, !first.secrets().refreshToken().equals(second.secrets().refreshToken()),
                    rotates ? "the rotated refresh token is saved" : "Google keeps the refresh token");

            // The new token is short-lived too: the next set-up refreshes again, which only works
            // with the refresh token saved last time (the old one is spent on rotating platforms).
            setUp(user, platform, "job_refresh_2");
            assertEquals(refreshes + 2, refreshes(platform));
            assertFalse(PlatformsTestBed.find(bed.get().connectionsOf(user), platform).path("needsReconnect").asBoolean());
        } finally {
            bed.get().simJson("PUT", "/sim/" + platform + "/tokens", "{\"accessTtlSeconds\": 3600}");
        }
    }

    @Test
    void twoProcessesRefreshingOneRotatingGrantAtOnceBothGoOn() throws Exception {
        // A second set of adapters stands for another process (say the chat role) on the same Redis.
        var other = io.restream.platforms.PlatformAdapters.create(bed.get().oauthConfig, bed.get().connections);
        bed.get().simJson("PUT", "/sim/kick/tokens", "{\"accessTtlSeconds\": 2}");
        try {
            var user = bed.get().newUser();
            assertTrue(bed.get().connect(user, "kick", true, "racer").ok());
            for (int round = 0; round < 3; round++) {
                StoredConnection c = bed.get().stored(user, "kick");
                JobContext job = new JobContext("job_race_" + round, PlatformsTestBed.ref(user), Map.of());
                var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> start(bed.get().adapters, c, job));
                var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> start(other, c, job));
                assertTrue(a.get(30, TimeUnit.SECONDS).startsWith("rtmps://"), "round " + round + ": this process went on");
                assertTrue(b.get(30, TimeUnit.SECONDS).startsWith("rtmps://"), "round " + round + ": the other process went on");
                assertFalse(PlatformsTestBed.find(bed.get().connectionsOf(user), "kick").path("needsReconnect").asBoolean());
            }
        } finally {
            bed.get().simJson("PUT", "/sim/kick/tokens", "{\"accessTtlSeconds\": 3600}");
        }
    }

    private static String start(io.restream.platforms.PlatformAdapters adapters, StoredConnection c, JobContext job) {
        try {
            return adapters.broadcastSetup(Platform.KICK).orElseThrow().start(c, job).pushUrl().reveal();
        } catch (PlatformException e) {
            throw new IllegalStateException(e.code() + ": " + e.getMessage());
        }
    }

    @Test
    void aTokenThePlatformExpiredEarlyIsRefreshedOnThe401() throws Exception {
        var user = bed.get().newUser();
        assertTrue(bed.get().connect(user, "kick", true, "early").ok());
        int refreshes = refreshes("kick");
        bed.get().simJson("POST", "/sim/kick/tokens/expire", null);
        IngestTarget target = setUp(user, "kick", "job_early");
        assertTrue(target.pushUrl().reveal().startsWith("rtmps://"), "Kick pushes over RTMPS");
        assertTrue(target.pushUrl().reveal().contains("/app/"), "to <url>/app/<key>");
        assertEquals("https://kick.com/early", target.watchUrl());
        assertEquals(refreshes + 1, refreshes("kick"));
    }

    @Test
    void twitchTokensAreValidatedHourly() throws Exception {
        var user = bed.get().newUser();
        assertTrue(bed.get().connect(user, "twitch", true, "hourly").ok());
        int validations = bed.get().simJson("GET", "/sim/twitch/tokens", null).path("validations").asInt();
        setUp(user, "twitch", "job_v1");
        assertEquals(validations, bed.get().simJson("GET", "/sim/twitch/tokens", null).path("validations").asInt(),
                "validated at sign-in: not again within the hour");

        StoredConnection c = bed.get().stored(user, "twitch");
        Map<String, String> extra = new HashMap<>(c.secrets().extra());
        extra.put("validatedAt", Long.toString(System.currentTimeMillis() - 3_601_000));
        ConnectionSecrets s = c.secrets();
        bed.get().connections.updateSecrets(PlatformsTestBed.ref(user), c.connection(), new ConnectionSecrets(s.ingestUrl(), s.streamKey(),
                s.accessToken(), s.refreshToken(), s.accessExpiresAt(), s.scopes(), extra)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        IngestTarget target = setUp(user, "twitch", "job_v2");
        assertEquals(validations + 1, bed.get().simJson("GET", "/sim/twitch/tokens", null).path("validations").asInt(), "validated after an hour");
        assertEquals("https://www.twitch.tv/hourly", target.watchUrl());
        assertTrue(target.pushUrl().reveal().startsWith("rtmp://127.0.0.1:" + bed.get().sim.rtmpPort() + "/app/live_"), "ingest from the ingest list");
    }

    @Test
    void facebookKeepsTheLongLivedToken() throws Exception {
        var user = bed.get().newUser();
        assertTrue(bed.get().connect(user, "facebook", true, "longlived").ok());
        long expiresAt = bed.get().stored(user, "facebook").secrets().accessExpiresAt();
        assertTrue(expiresAt > System.currentTimeMillis() + 50L * 24 * 3600 * 1000, "~60 days, not the short-lived hour");
    }

    @Test
    void aRefusedRefreshMarksTheConnectionAndFailsClearly() throws Exception {
        var user = bed.get().newUser();
        assertTrue(bed.get().connect(user, "youtube", true, "refused").ok());
        bed.get().simJson("POST", "/sim/youtube/tokens/revoke", null);
        PlatformException e = assertThrows(PlatformException.class, () -> setUp(user, "youtube", "job_refused"));
        assertEquals("needs_reconnect", e.code());
        assertTrue(e.getMessage().contains("reconnect youtube"), e.getMessage());
        assertTrue(PlatformsTestBed.find(bed.get().connectionsOf(user), "youtube").path("needsReconnect").asBoolean());
    }

    private static IngestTarget setUp(Map<String, String> user, String platform, String jobId) throws Exception {
        StoredConnection c = bed.get().stored(user, platform);
        return bed.get().adapters.broadcastSetup(Platform.fromId(platform).orElseThrow()).orElseThrow()
                .start(c, new JobContext(jobId, PlatformsTestBed.ref(user), Map.of()));
    }

    private static int refreshes(String platform) {
        return bed.get().simJson("GET", "/sim/" + platform + "/tokens", null).path("refreshes").asInt();
    }
}
