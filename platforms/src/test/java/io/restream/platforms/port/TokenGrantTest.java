package io.restream.platforms.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restream.core.connections.ConnectionSecrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenGrantTest {
    @Test
    void aGrantWithoutRefreshTokenKeepsThePreviousOneAndMergesExtras() {
        ConnectionSecrets before = new ConnectionSecrets(null, null, "old-at", "old-rt", 1L, "a b", Map.of("slug", "x", "validatedAt", "1"));
        ConnectionSecrets after = new TokenGrant("new-at", null, 99L, null).applyTo(before, Map.of("validatedAt", "2"));
        assertEquals("new-at", after.accessToken());
        assertEquals("old-rt", after.refreshToken(), "Google does not rotate: the old refresh token stays");
        assertEquals(99L, after.accessExpiresAt());
        assertEquals("a b", after.scopes());
        assertEquals(Map.of("slug", "x", "validatedAt", "2"), after.extra());
    }

    @Test
    void aRotatedRefreshTokenReplacesTheOldOne() {
        ConnectionSecrets before = new ConnectionSecrets(null, null, "old-at", "old-rt", 1L, null, Map.of());
        assertEquals("new-rt", new TokenGrant("new-at", "new-rt", 2L, null).applyTo(before, Map.of()).refreshToken());
    }

    @Test
    void tokensNeverInToString() {
        assertFalse(new TokenGrant("secret-at", "secret-rt", 1L, null).toString().contains("secret"));
        assertFalse(new AuthorizationRequest("https://x", "verifier-secret").toString().contains("secret"));
    }
}
