package io.restream.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.cluster.SlotHash;
import io.restream.core.chat.ChatKeys;
import io.restream.core.crypto.Tokens;
import io.restream.core.model.UserRef;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key layout: every key under the product prefix, a job's keys on its user's slot (found from the job id alone). */
class RedisKeysTest {
    @Test
    void aJobsKeysShareTheSlotOfItsUsersKeys() {
        for (int i = 0; i < 2000; i++) {
            UserRef user = new UserRef("cli_" + Tokens.random(20), "user." + Tokens.random(1 + i % 40));
            String jobId = RedisKeys.newJobId(user);
            assertTrue(jobId.matches("job_[0-9A-Za-z]{20}"), jobId);
            int slot = SlotHash.getSlot(RedisKeys.current(user));
            for (String key : Set.of(RedisKeys.job(jobId), RedisKeys.lease(jobId), ChatKeys.lease(jobId), RedisKeys.chat(user),
                    RedisKeys.seen(user), RedisKeys.connections(user), RedisKeys.viewers(user), RedisKeys.events(user))) {
                assertEquals(slot, SlotHash.getSlot(key), key + " of " + user);
            }
        }
    }

    @Test
    void everySlotHasATag() {
        Set<String> tags = new HashSet<>();
        for (int slot = 0; slot < SlotHash.SLOT_COUNT; slot++) {
            String tag = SlotTags.forSlot(slot);
            assertEquals(slot, SlotHash.getSlot(tag), tag);
            tags.add(tag);
        }
        assertEquals(SlotHash.SLOT_COUNT, tags.size());
    }

    @Test
    void idsWithoutATagStillMakeKeys() {
        assertEquals("rs:job:abc", RedisKeys.job("abc"));
        assertEquals("rs:job:x_{1234}yz", RedisKeys.job("x_{1234}yz"));
        assertEquals("rs:job:job_{}abcdef", RedisKeys.job("job_{}abcdef"));
        assertEquals("rs:job:{AbC9}job_AbC9zzzz", RedisKeys.job("job_AbC9zzzz"));
        assertEquals("", RedisKeys.jobTag(null));
    }

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
