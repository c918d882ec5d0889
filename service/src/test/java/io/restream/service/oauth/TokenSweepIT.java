package io.restream.service.oauth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twitch tokens are validated on schedule even when nothing uses them: a grant revoked at Twitch is
 * noticed by the sweep and the connection shows {@code needsReconnect} before any goLive. (The
 * validation interval is 1 s here instead of an hour.)
 */
class TokenSweepIT {
    @Test
    void aRevokedTwitchGrantIsNoticedWithoutAnyUse() {
        try (PlatformsTestBed bed = new PlatformsTestBed(Map.of("RESTREAM_TWITCH_VALIDATE_INTERVAL_SECONDS", "1"))) {
            var user = bed.newUser();
            var other = bed.newUser();
            assertTrue(bed.connect(user, "twitch", true, "swept").ok());
            assertTrue(bed.connect(other, "kick", true, "unswept").ok());
            int validations = bed.simJson("GET", "/sim/twitch/tokens", null).path("validations").asInt();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    bed.simJson("GET", "/sim/twitch/tokens", null).path("validations").asInt() > validations + 1);
            assertFalse(PlatformsTestBed.find(bed.connectionsOf(user), "twitch").path("needsReconnect").asBoolean(),
                    "a valid token stays connected");

            bed.simJson("POST", "/sim/twitch/tokens/revoke", null);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    PlatformsTestBed.find(bed.connectionsOf(user), "twitch").path("needsReconnect").asBoolean());
            assertFalse(PlatformsTestBed.find(bed.connectionsOf(other), "kick").path("needsReconnect").asBoolean(),
                    "other platforms are left alone");
            assertEquals(1, bed.connectionsOf(user).size());
        }
    }
}
