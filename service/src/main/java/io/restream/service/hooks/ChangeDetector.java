package io.restream.service.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.core.json.Json;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a user's published job or connection snapshot into webhook events by comparing it with the
 * last snapshot seen: a new job status ({@code job.queued|running|stopped|ended|failed}), a
 * broadcast entering {@code live|reconnecting|failed}, a connection starting to need a reconnect.
 * Snapshots repeat (stats, viewer updates), so only changes make events. Run by one node at a time
 * (the feed lease), in feed order; blocking (sync Redis).
 */
final class ChangeDetector {
    /** A webhook event before it has an id: its type and its {@code data}. */
    record Change(String type, JsonNode data) {}

    private static final Set<String> JOB_EVENTS = Set.of("queued", "running", "stopped", "ended", "failed");
    private static final Set<String> BROADCAST_EVENTS = Set.of("live", "reconnecting", "failed");
    /** Seen snapshots are kept this long after their last change. */
    private static final long SEEN_TTL_SECONDS = 3 * 24 * 3600;

    private final Redis redis;

    ChangeDetector(Redis redis) {
        this.redis = redis;
    }

    List<Change> changes(String clientId, String userId, JsonNode event) {
        String type = event.path("type").asText();
        JsonNode data = event.path("data");
        if (type.equals("job")) return jobChanges(data);
        if (type.equals("connections")) return connectionChanges(clientId, userId, data);
        return List.of();
    }

    private List<Change> jobChanges(JsonNode job) {
        String key = RedisKeys.webhookSeen("job:" + job.path("id").asText());
        String stored = redis.sync().get(key);
        JsonNode before = stored == null ? Json.MAPPER.createObjectNode() : Json.read(stored, JsonNode.class);
        List<Change> out = new ArrayList<>();
        String status = job.path("status").asText();
        if (!status.equals(before.path("status").asText()) && JOB_EVENTS.contains(status)) out.add(new Change("job." + status, job));
        ObjectNode now = Json.MAPPER.createObjectNode().put("status", status);
        ObjectNode states = now.putObject("broadcasts");
        for (JsonNode b : job.path("broadcasts")) {
            String destination = b.path("destination").asText();
            String state = b.path("state").asText();
            states.put(destination, state);
            if (!state.equals(before.path("broadcasts").path(destination).asText()) && BROADCAST_EVENTS.contains(state)) {
                out.add(new Change("broadcast." + state, job));
            }
        }
        if (!now.equals(before)) redis.sync().setex(key, SEEN_TTL_SECONDS, Json.write(now));
        return out;
    }

    private List<Change> connectionChanges(String clientId, String userId, JsonNode connections) {
        String key = RedisKeys.webhookSeen("conn:" + clientId + ":" + userId);
        String stored = redis.sync().get(key);
        Set<String> before = new HashSet<>();
        if (stored != null) Json.read(stored, JsonNode.class).forEach(n -> before.add(n.asText()));
        List<Change> out = new ArrayList<>();
        List<String> now = new ArrayList<>();
        for (JsonNode c : connections) {
            if (!c.path("needsReconnect").asBoolean()) continue;
            String id = c.path("id").asText();
            now.add(id);
            if (!before.contains(id)) out.add(new Change("connection.needs_reconnect", c));
        }
        if (!new HashSet<>(now).equals(before)) redis.sync().setex(key, SEEN_TTL_SECONDS, Json.write(now));
        return out;
    }
}
