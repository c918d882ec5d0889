package io.restream.service.hooks;

import com.fasterxml.jackson.core.type.TypeReference;
import io.restream.core.crypto.SecretBox;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Webhooks in Redis: one hash per webhook, a set per client, and the set of clients that have any
 * (which decides whether their users' changes are fed to the webhook feeder at all).
 */
public final class WebhookStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Redis redis;
    private final SecretBox box;

    public WebhookStore(Redis redis, SecretBox box) {
        this.redis = redis;
        this.box = box;
    }

    /** A new webhook and its secret, which is shown this once. */
    public record Created(Webhook webhook, String secret) {}

    public CompletionStage<Created> create(String clientId, String url, List<String> events, long now) {
        String id = Tokens.id("wh");
        String secret = "whsec_" + Tokens.random(32);
        Webhook w = new Webhook(id, clientId, url, List.copyOf(events), now, box.encrypt(secret));
        Map<String, String> fields = Map.of("id", id, "cid", clientId, "url", url, "events", Json.write(w.events()),
                "createdAt", Long.toString(now), "secret", w.secretSealed());
        return redis.async().hset(RedisKeys.webhook(id), fields)
                .thenCompose(n -> redis.async().sadd(RedisKeys.clientWebhooks(clientId), id))
                .thenCompose(n -> redis.async().sadd(RedisKeys.WEBHOOK_CLIENTS, clientId))
                .thenApply(n -> new Created(w, secret));
    }

    public CompletionStage<Optional<Webhook>> get(String id) {
        return redis.async().hgetall(RedisKeys.webhook(id)).thenApply(WebhookStore::decode);
    }

    /** The client's webhooks, oldest first. */
    public CompletionStage<List<Webhook>> forClient(String clientId) {
        return redis.async().smembers(RedisKeys.clientWebhooks(clientId)).thenCompose(ids -> {
            List<CompletableFuture<Optional<Webhook>>> reads = ids.stream().map(id -> get(id).toCompletableFuture()).toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> reads.stream()
                    .map(CompletableFuture::join).flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(Webhook::createdAt).thenComparing(Webhook::id)).toList());
        });
    }

    /** Deletes it; its pending deliveries are dropped when they come due. False when unknown. */
    public CompletionStage<Boolean> delete(String id) {
        return get(id).thenCompose(found -> {
            if (found.isEmpty()) return CompletableFuture.completedFuture(false);
            String clientId = found.get().clientId();
            return redis.async().del(RedisKeys.webhook(id), RedisKeys.webhookLog(id))
                    .thenCompose(n -> redis.async().srem(RedisKeys.clientWebhooks(clientId), id))
                    .thenCompose(n -> redis.async().scard(RedisKeys.clientWebhooks(clientId)))
                    .thenCompose(left -> left > 0 ? CompletableFuture.completedFuture(0L)
                            : redis.async().srem(RedisKeys.WEBHOOK_CLIENTS, clientId))
                    .thenApply(n -> true);
        });
    }

    /** The signing secret in clear, for signing only. */
    String secret(Webhook w) {
        return box.decrypt(w.secretSealed());
    }

    private static Optional<Webhook> decode(Map<String, String> f) {
        if (f == null || !f.containsKey("id")) return Optional.empty();
        return Optional.of(new Webhook(f.get("id"), f.get("cid"), f.get("url"), Json.read(f.get("events"), STRINGS),
                Long.parseLong(f.get("createdAt")), f.get("secret")));
    }
}
