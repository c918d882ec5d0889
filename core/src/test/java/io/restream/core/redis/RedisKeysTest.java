package io.restream.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.UserRef;
import org.junit.jupiter.api.Test;

class RedisKeysTest {
    @Test
    void aConnectionsKeyMapsBackToItsUserEvenWithColonsInTheUserId() {
        UserRef u = new UserRef("cli_1", "user:with:colons");
        assertEquals(u, RedisKeys.ownerOfConnections(RedisKeys.connections(u)).orElseThrow());
    }

    @Test
    void otherKeysHaveNoConnectionsOwner() {
        assertTrue(RedisKeys.ownerOfConnections(RedisKeys.ALL_CONNECTIONS.replace("*", "broken")).isEmpty());
        assertTrue(RedisKeys.ownerOfConnections(RedisKeys.chat(new UserRef("cli_1", "u"))).isEmpty());
        assertTrue(RedisKeys.ownerOfConnections(RedisKeys.CLIENTS).isEmpty());
    }

    @Test
    void everyKeyIsUnderTheProductPrefix() {
        UserRef u = new UserRef("c", "u");
        for (String key : new String[] {RedisKeys.JOB_QUEUE, RedisKeys.CLIENTS, RedisKeys.SIGNING_KEYS, RedisKeys.connections(u),
                RedisKeys.apiKeyByHash("ab"), RedisKeys.oauthAttempt("state", "ab"), RedisKeys.chatLease("j"), RedisKeys.webhookRoute("kick", "1")}) {
            assertTrue(key.startsWith(RedisKeys.ALL_KEYS.replace("*", "")), key);
        }
    }
}
