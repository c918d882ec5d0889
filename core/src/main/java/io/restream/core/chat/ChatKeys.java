package io.restream.core.chat;

/**
 * Redis keys of the chat feature that are not per-user (per-user keys are in
 * {@link io.restream.core.redis.RedisKeys}: {@code chat}, {@code seen}, {@code viewers}, {@code events}).
 */
public final class ChatKeys {
    private ChatKeys() {}

    /** Which chat aggregator instance reads a job's chat (string with TTL, value = instance id). */
    public static String lease(String jobId) { return "rs:chatlease:" + io.restream.core.redis.RedisKeys.jobTag(jobId) + jobId; }

    /**
     * Where a platform's webhook deliveries for one channel go: a string holding the
     * {@code {cid, uid, jobId}} of the live job that subscribed, with a TTL renewed while it runs.
     */
    public static String webhookRoute(String platform, String platformUserId) {
        return "rs:chatroute:" + platform + ":" + platformUserId;
    }
}
