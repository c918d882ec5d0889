package io.restream.core.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.core.crypto.SecretBox;
import io.restream.core.events.UserEvents;
import io.restream.core.json.Json;
import io.restream.core.model.Connection;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A user's connections: one field per connection id in {@code rs:conn:{cid:uid}}, holding the
 * public {@link Connection} in clear and its {@link ConnectionSecrets} sealed with AES-GCM. Changes
 * are published as {@code connections} events.
 */
public final class ConnectionStore {
    private final Redis redis;
    private final SecretBox box;
    private final UserEvents events;

    public ConnectionStore(Redis redis, SecretBox box) {
        this.redis = redis;
        this.box = box;
        this.events = new UserEvents(redis);
    }

    public CompletionStage<List<Connection>> list(UserRef user) {
        return redis.async().hgetall(RedisKeys.connections(user)).thenApply(ConnectionStore::publicViews);
    }

    public CompletionStage<Optional<StoredConnection>> get(UserRef user, String connectionId) {
        return redis.async().hget(RedisKeys.connections(user), connectionId)
                .thenApply(raw -> Optional.ofNullable(raw).map(r -> open(user, connectionId, r)));
    }

    /** Adds or replaces a connection (the same id again replaces it). */
    public CompletionStage<Connection> put(UserRef user, Connection connection, ConnectionSecrets secrets) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("connection", Json.MAPPER.valueToTree(connection));
        node.put("secrets", box.seal(Json.write(secrets), record(user, connection.id())));
        return redis.async().hset(RedisKeys.connections(user), connection.id(), node.toString())
                .thenCompose(n -> publish(user)).thenApply(v -> connection);
    }

    /** Replaces only the secrets (a refreshed token), keeping the public part as it is. */
    public CompletionStage<Void> updateSecrets(UserRef user, Connection connection, ConnectionSecrets secrets) {
        return put(user, connection, secrets).thenApply(c -> null);
    }

    public CompletionStage<Boolean> delete(UserRef user, String connectionId) {
        return redis.async().hdel(RedisKeys.connections(user), connectionId).thenCompose(n ->
                n > 0 ? publish(user).thenApply(v -> true) : java.util.concurrent.CompletableFuture.completedFuture(false));
    }

    public CompletionStage<Void> markNeedsReconnect(UserRef user, String connectionId, boolean needsReconnect) {
        return get(user, connectionId).thenCompose(found -> found
                .map(c -> put(user, c.connection().withNeedsReconnect(needsReconnect), c.secrets()).thenApply(x -> (Void) null))
                .orElse(java.util.concurrent.CompletableFuture.completedFuture(null)));
    }

    private CompletionStage<Void> publish(UserRef user) {
        return list(user).thenCompose(all -> events.publish(user, UserEvents.CONNECTIONS, all)).thenApply(n -> null);
    }

    /** The associated data of a connection's secrets: its Redis key and field, so they open only there. */
    private static String record(UserRef user, String connectionId) {
        return RedisKeys.connections(user) + "#" + connectionId;
    }

    private StoredConnection open(UserRef user, String connectionId, String raw) {
        JsonNode node = Json.read(raw, JsonNode.class);
        Connection connection = Json.MAPPER.convertValue(node.get("connection"), Connection.class);
        ConnectionSecrets secrets = Json.read(box.open(node.get("secrets").asText(), record(user, connectionId)), ConnectionSecrets.class);
        return new StoredConnection(connection, secrets);
    }

    private static List<Connection> publicViews(Map<String, String> fields) {
        return fields.values().stream()
                .map(raw -> Json.MAPPER.convertValue(Json.read(raw, JsonNode.class).get("connection"), Connection.class))
                .sorted(Comparator.comparingLong(Connection::connectedAt).thenComparing(Connection::id))
                .toList();
    }
}
