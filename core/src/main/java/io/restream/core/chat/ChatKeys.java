package io.restream.core.chat;

import io.restream.core.redis.RedisKeys;

/** The chat feature's keys that are not per-user, under their chat names; the keys live in {@link RedisKeys}. */
public final class ChatKeys {
    private ChatKeys() {}

    /** {@link RedisKeys#chatLease}. */
    public static String lease(String jobId) { return RedisKeys.chatLease(jobId); }

    /** {@link RedisKeys#webhookRoute}: a string holding the {@code {cid, uid, jobId}} of the live job, TTL renewed while it runs. */
    public static String webhookRoute(String platform, String platformUserId) {
        return RedisKeys.webhookRoute(platform, platformUserId);
    }
}
