package io.restream.service.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.SetArgs;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.crypto.SecretBox;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.model.Connection;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Grants that came back from a platform but are not linked yet (API.md §3): the callback holds
 * the new connection, its secrets sealed, for {@value #TTL_MS} ms under a random confirmation id;
 * only {@code POST /connections/{platform}/confirm} by the same client and user takes it. The key
 * lives under that user's tag and hashes the platform with the id, so another user's or another
 * platform's confirm finds nothing (and spends nothing), and {@code GETDEL} makes it single-use.
 */
final class PendingGrants {
    static final long TTL_MS = 10 * 60 * 1000;
    private static final int MAX_ID_CHARS = 200;

    private final Redis redis;
    private final SecretBox box;

    PendingGrants(Redis redis, SecretBox box) {
        this.redis = redis;
        this.box = box;
    }

    record Grant(Connection connection, ConnectionSecrets secrets) {}

    /** Holds the grant; completes with its confirmation id. */
    CompletionStage<String> hold(UserRef user, Connection connection, ConnectionSecrets secrets) {
        String confirmation = "cfm_" + Tokens.random(40);
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("connection", Json.MAPPER.valueToTree(connection));
        String key = key(user, connection.platform().id(), confirmation);
        node.put("secrets", box.seal(Json.write(secrets), key));
        return redis.async().set(key, node.toString(), SetArgs.Builder.px(TTL_MS))
                .thenApply(ok -> confirmation);
    }

    /** The grant held for this user, platform and id, taken (so a second confirm finds nothing). */
    CompletionStage<Optional<Grant>> take(UserRef user, String platform, String confirmation) {
        if (confirmation == null || confirmation.isEmpty() || confirmation.length() > MAX_ID_CHARS) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String key = key(user, platform, confirmation);
        return redis.async().getdel(key).thenApply(raw -> Optional.ofNullable(raw).map(r -> {
            JsonNode node = Json.read(r, JsonNode.class);
            Connection c = Json.MAPPER.convertValue(node.get("connection"), Connection.class);
            return new Grant(c, Json.read(box.open(node.get("secrets").asText(), key), ConnectionSecrets.class));
        }));
    }

    private static String key(UserRef user, String platform, String confirmation) {
        return RedisKeys.oauthPending(user, Tokens.sha256Hex(platform + "\n" + confirmation));
    }
}
