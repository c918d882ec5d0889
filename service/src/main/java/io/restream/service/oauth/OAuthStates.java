package io.restream.service.oauth;

import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import io.lettuce.core.SetArgs;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sign-ins in progress in Redis, each usable once ({@code GETDEL}): a start ticket
 * ({@code rs:oauth:start:<ticket>}) becomes a platform {@code state} ({@code rs:oauth:state:<state>});
 * both expire ten minutes after {@code authorize}. Keys hold hashes of the values, never the values.
 */
final class OAuthStates {
    static final long TTL_MS = 10 * 60 * 1000;

    private final Redis redis;

    OAuthStates(Redis redis) {
        this.redis = redis;
    }

    /** Saves the attempt under a new random ticket; completes with the ticket. */
    CompletionStage<String> newTicket(OAuthAttempt attempt) {
        String ticket = Tokens.random(43);
        return put("start", ticket, attempt).thenApply(ok -> ticket);
    }

    /** A new random {@code state} value. */
    static String newState() {
        return Tokens.random(43);
    }

    /** Saves the started attempt under {@code state}. */
    CompletionStage<String> putState(String state, OAuthAttempt attempt) {
        return put("state", state, attempt);
    }

    CompletionStage<Optional<OAuthAttempt>> takeTicket(String ticket) {
        return take("start", ticket);
    }

    CompletionStage<Optional<OAuthAttempt>> takeState(String state) {
        return take("state", state);
    }

    private CompletionStage<String> put(String kind, String value, OAuthAttempt attempt) {
        long ttl = Math.max(1, attempt.expiresAt() - System.currentTimeMillis());
        return redis.async().set(key(kind, value), Json.write(attempt), SetArgs.Builder.px(ttl));
    }

    private CompletionStage<Optional<OAuthAttempt>> take(String kind, String value) {
        if (value == null || value.isEmpty() || value.length() > 200) {
            return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.async().getdel(key(kind, value)).thenApply(raw -> Optional.ofNullable(raw)
                .map(r -> Json.read(r, OAuthAttempt.class))
                .filter(a -> a.expiresAt() > System.currentTimeMillis()));
    }

    private static String key(String kind, String value) {
        return RedisKeys.oauthAttempt(kind, Tokens.sha256Hex(value));
    }
}
