package io.restream.service.auth;

import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The ids of revoked API keys ({@link RedisKeys#REVOKED_KEYS}), so that a session token dies with
 * the secret key that minted it ({@code akid}). Each node reads the set at most every
 * {@link #RELOAD_MS} and at once after its own revocations, so a revocation reaches every node
 * within that time without a Redis round trip per request.
 */
public final class RevokedKeys {
    static final long RELOAD_MS = 500;

    private final Redis redis;
    private volatile Set<String> revoked = Set.of();
    private volatile long loadedAt;

    public RevokedKeys(Redis redis) {
        this.redis = redis;
    }

    public CompletionStage<Boolean> isRevoked(String keyId) {
        if (System.currentTimeMillis() - loadedAt < RELOAD_MS) return CompletableFuture.completedFuture(revoked.contains(keyId));
        return reload().thenApply(v -> revoked.contains(keyId));
    }

    /** Records a revocation (the key's own record is changed by {@link ClientStore#revoke}). */
    public CompletionStage<Void> add(String keyId, long now) {
        return redis.async().hset(RedisKeys.REVOKED_KEYS, keyId, Long.toString(now)).thenCompose(n -> reload());
    }

    private CompletionStage<Void> reload() {
        long started = System.currentTimeMillis();
        return redis.async().hkeys(RedisKeys.REVOKED_KEYS).thenAccept(ids -> {
            revoked = Set.copyOf(ids);
            loadedAt = started;
        });
    }
}
