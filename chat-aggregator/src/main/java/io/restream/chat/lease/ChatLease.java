package io.restream.chat.lease;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.restream.core.chat.ChatKeys;
import io.restream.core.redis.LuaScript;
import io.restream.core.redis.Redis;
import java.util.concurrent.CompletionStage;

/**
 * Which chat aggregator instance reads a job's chat: {@code rs:chatlease:{jobId}} holds the
 * instance id with a TTL. Taken with {@code SET NX PX}, renewed and released only by its holder, so
 * with any number of instances exactly one reads each job, and a crashed one's jobs are free again
 * once its leases expire.
 */
public final class ChatLease {
    private static final LuaScript RENEW = LuaScript.load(ChatLease.class, "renew.lua", ScriptOutputType.INTEGER);

    private final Redis redis;
    private final String holder;
    private final long leaseMs;

    public ChatLease(Redis redis, String holder, long leaseMs) {
        this.redis = redis;
        this.holder = holder;
        this.leaseMs = leaseMs;
    }

    public CompletionStage<Boolean> tryAcquire(String jobId) {
        return redis.async().set(ChatKeys.lease(jobId), holder, SetArgs.Builder.nx().px(leaseMs)).thenApply("OK"::equals);
    }

    /** False when this instance no longer holds the lease. */
    public CompletionStage<Boolean> renew(String jobId) {
        return RENEW.<Long>run(redis, new String[] {ChatLease.key(jobId)}, holder, Long.toString(leaseMs)).thenApply(n -> n == 1L);
    }

    public CompletionStage<Boolean> release(String jobId) {
        return RENEW.<Long>run(redis, new String[] {ChatLease.key(jobId)}, holder, "0").thenApply(n -> n == 1L);
    }

    public String holder() {
        return holder;
    }

    private static String key(String jobId) {
        return ChatKeys.lease(jobId);
    }
}
