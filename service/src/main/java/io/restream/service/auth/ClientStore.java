package io.restream.service.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.model.Scope;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Clients and their keys. A key is found by the SHA-256 of its full value ({@code rs:apikey:{hash}}),
 * so the secret itself is never stored; {@code rs:origins} counts active publishable-key origins for
 * CORS preflights.
 */
public final class ClientStore {
    private static final String CLIENTS = RedisKeys.CLIENTS;
    private static final String ORIGINS = RedisKeys.ORIGINS;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Redis redis;
    private final RevokedKeys revokedKeys;

    public ClientStore(Redis redis) {
        this.redis = redis;
        this.revokedKeys = new RevokedKeys(redis);
    }

    /** Revoked key ids, for the session tokens they minted. */
    public RevokedKeys revokedKeys() { return revokedKeys; }

    /** A newly created key: the only time its full value is known. */
    public record CreatedKey(ApiKey key, String value) {}

    public CompletionStage<Client> createClient(String name, long now) {
        Client client = new Client(Tokens.id("cli"), name, now);
        var async = redis.async();
        return async.hset(clientKey(client.id()), Map.of("id", client.id(), "name", name, "createdAt", Long.toString(now)))
                .thenCompose(n -> async.zadd(CLIENTS, now, client.id()))
                .thenApply(n -> client);
    }

    public CompletionStage<Optional<Client>> client(String clientId) {
        return redis.async().hgetall(clientKey(clientId)).thenApply(h -> h == null || h.isEmpty()
                ? Optional.empty()
                : Optional.of(new Client(h.get("id"), h.get("name"), Long.parseLong(h.get("createdAt")))));
    }

    public CompletionStage<List<Client>> clients() {
        return redis.async().zrange(CLIENTS, 0, -1).thenCompose(ids -> {
            List<CompletableFuture<Optional<Client>>> reads = ids.stream().map(id -> client(id).toCompletableFuture()).toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenApply(v -> reads.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
        });
    }

    public CompletionStage<CreatedKey> createKey(String clientId, ApiKey.Type type, List<Scope> scopes, List<String> origins, long now) {
        String value = type.keyPrefix() + Tokens.random(32);
        ApiKey key = new ApiKey(Tokens.id("key"), clientId, type, value.substring(0, type.keyPrefix().length() + 4),
                scopes, origins, now, null);
        String hash = Tokens.sha256Hex(value);
        var async = redis.async();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("json", Json.write(key));
        fields.put("hash", hash);
        return async.hset(keyById(key.id()), fields)
                .thenCompose(n -> async.set(keyByHash(hash), key.id()))
                .thenCompose(n -> async.zadd(clientKeys(clientId), now, key.id()))
                .thenCompose(n -> countOrigins(key))
                .thenApply(n -> new CreatedKey(key, value));
    }

    public CompletionStage<List<ApiKey>> keys(String clientId) {
        return redis.async().zrange(clientKeys(clientId), 0, -1).thenCompose(ids -> {
            List<CompletableFuture<Optional<ApiKey>>> reads = ids.stream().map(id -> key(id).toCompletableFuture()).toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenApply(v -> reads.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
        });
    }

    public CompletionStage<Optional<ApiKey>> key(String keyId) {
        return redis.async().hget(keyById(keyId), "json").thenApply(json ->
                Optional.ofNullable(json).map(j -> Json.read(j, ApiKey.class)));
    }

    /** The active key whose full value is {@code value}, if any. */
    public CompletionStage<Optional<ApiKey>> findByValue(String value) {
        return redis.async().get(keyByHash(Tokens.sha256Hex(value))).thenCompose(id -> id == null
                ? CompletableFuture.completedFuture(Optional.<ApiKey>empty())
                : key(id).thenApply(k -> k.filter(ApiKey::active)));
    }

    /** Revokes a key at once; false when there is no such active key. */
    public CompletionStage<Boolean> revoke(String keyId, long now) {
        var async = redis.async();
        return key(keyId).thenCompose(found -> {
            if (found.isEmpty() || !found.get().active()) return CompletableFuture.completedFuture(false);
            ApiKey k = found.get();
            ApiKey revoked = new ApiKey(k.id(), k.clientId(), k.type(), k.prefix(), k.scopes(), k.allowedOrigins(), k.createdAt(), now);
            return revokedKeys.add(keyId, now).thenCompose(v -> async.hget(keyById(keyId), "hash"))
                    .thenCompose(hash -> async.del(keyByHash(hash)))
                    .thenCompose(n -> async.hset(keyById(keyId), "json", Json.write(revoked)))
                    .thenCompose(n -> uncountOrigins(k))
                    .thenApply(n -> true);
        });
    }

    /** Every origin on the allowlist of one of the client's active keys (where its OAuth results may go). */
    public CompletionStage<java.util.Set<String>> allowedOrigins(String clientId) {
        return keys(clientId).thenApply(list -> list.stream().filter(ApiKey::active)
                .flatMap(k -> k.allowedOrigins() == null ? java.util.stream.Stream.<String>empty() : k.allowedOrigins().stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** Whether {@code origin} is on some active publishable key's allowlist. */
    public CompletionStage<Boolean> originKnown(String origin) {
        return redis.async().hget(ORIGINS, origin).thenApply(n -> n != null && Long.parseLong(n) > 0);
    }

    private CompletionStage<Void> countOrigins(ApiKey k) {
        if (k.type() != ApiKey.Type.PUBLISHABLE) return CompletableFuture.completedFuture(null);
        List<CompletableFuture<Long>> incs = new ArrayList<>();
        for (String o : k.allowedOrigins()) incs.add(redis.async().hincrby(ORIGINS, o, 1).toCompletableFuture());
        return CompletableFuture.allOf(incs.toArray(CompletableFuture[]::new));
    }

    private CompletionStage<Void> uncountOrigins(ApiKey k) {
        if (k.type() != ApiKey.Type.PUBLISHABLE) return CompletableFuture.completedFuture(null);
        var async = redis.async();
        Map<String, CompletableFuture<Long>> decs = new HashMap<>();
        for (String o : k.allowedOrigins()) decs.put(o, async.hincrby(ORIGINS, o, -1).toCompletableFuture());
        return CompletableFuture.allOf(decs.values().toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<CompletableFuture<Long>> cleanups = new ArrayList<>();
            decs.forEach((o, f) -> { if (f.join() <= 0) cleanups.add(async.hdel(ORIGINS, o).toCompletableFuture()); });
            return CompletableFuture.allOf(cleanups.toArray(CompletableFuture[]::new));
        });
    }

    static List<String> strings(String json) { return Json.read(json, STRINGS); }

    private static String clientKey(String id) { return RedisKeys.client(id); }
    private static String clientKeys(String id) { return RedisKeys.clientKeys(id); }
    private static String keyById(String id) { return RedisKeys.apiKey(id); }
    private static String keyByHash(String hash) { return RedisKeys.apiKeyByHash(hash); }
}
