package io.restream.service.auth;

import io.lettuce.core.ScriptOutputType;
import io.restream.core.redis.LuaScript;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.concurrent.CompletionStage;

/**
 * Rate limits shared by every API node: a token bucket in Redis ({@code bucket.lua}, one round
 * trip per request, Redis's clock). Requests count per credential <em>and</em> user, so a
 * publishable key's users do not share one bucket; failed authentications count per client
 * address, so a burst of bad credentials from one address is refused without slowing down the
 * valid ones from it.
 */
public final class RateLimiter {
    private static final LuaScript BUCKET = LuaScript.load(RateLimiter.class, "bucket.lua", ScriptOutputType.INTEGER);

    private final Redis redis;
    private final Limit requests;
    private final Limit failures;

    /** {@code burst} at once, then {@code perSecond}. */
    public record Limit(double burst, double perSecond) {}

    public RateLimiter(Redis redis, Limit requests, Limit failures) {
        this.redis = redis;
        this.requests = requests;
        this.failures = failures;
    }

    /** 0 when the principal's request may go ahead, else the whole seconds to wait ({@code Retry-After}). */
    public CompletionStage<Long> acquire(Principal p) {
        String key = p.userId() == null ? RedisKeys.rateBucket(p.credentialId()) : RedisKeys.rateBucket(p.user(), p.credentialId());
        return take(key, requests);
    }

    /** Counts a failed authentication from {@code address}; 0 while under the limit, else seconds to wait. */
    public CompletionStage<Long> failedFrom(String address) {
        return take(RedisKeys.authFailures(address), failures);
    }

    private CompletionStage<Long> take(String key, Limit limit) {
        return BUCKET.<Long>run(redis, new String[] {key}, Double.toString(limit.burst()),
                Double.toString(limit.perSecond() / 1000.0), "1").thenApply(waitMs -> waitMs <= 0 ? 0L : Math.max(1L, (waitMs + 999) / 1000));
    }
}
