package io.restream.platforms.kick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KickWebhooksParsingTest {
    @Test
    void aChatMessageBodyBecomesACommentForItsBroadcaster() {
        String body = "{\"message_id\":\"m-1\",\"broadcaster\":{\"user_id\":123},\"sender\":{\"username\":\"Kay\"},"
                + "\"content\":\"hey\",\"created_at\":\"2025-01-14T16:08:06Z\"}";
        KickWebhooks.ChatMessage m = KickWebhooks.parse("evt-1", body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertEquals("123", m.broadcasterUserId());
        assertEquals("kick:m-1", m.comment().id());
        assertEquals("Kay", m.comment().author());
        assertNull(m.comment().authorAvatar());
        assertEquals(1736870886000L, m.comment().timestamp());
    }

    @Test
    void bodiesThatAreNotChatMessagesAreIgnored() {
        assertTrue(KickWebhooks.parse("e", "not json".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(KickWebhooks.parse("e", "{\"follower\":{}}".getBytes(StandardCharsets.UTF_8)).isEmpty());
    }

    @Test
    void missingHeadersOrAStaleTimestampFailWithoutFetchingTheKey() throws Exception {
        // The key URL is unreachable: these must be refused before any key is needed.
        KickWebhooks hooks = new KickWebhooks("http://127.0.0.1:1/kick", HttpClient.newHttpClient());
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertFalse(hooks.verify(null, Instant.now().toString(), body, "sig").toCompletableFuture().get());
        assertFalse(hooks.verify("id", null, body, "sig").toCompletableFuture().get());
        assertFalse(hooks.verify("id", Instant.now().toString(), body, null).toCompletableFuture().get());
        assertFalse(hooks.verify("id", Instant.now().minusSeconds(3600).toString(), body, "sig").toCompletableFuture().get());
        assertFalse(hooks.verify("id", "yesterday", body, "sig").toCompletableFuture().get());
    }
}
