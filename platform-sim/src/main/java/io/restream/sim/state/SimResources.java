package io.restream.sim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Platform objects kept in their wire shape (YouTube {@code liveStream}/{@code liveBroadcast},
 * Facebook {@code LiveVideo}), by kind and id, with the id of the owning user. Mutate a node only
 * while holding its monitor.
 */
public final class SimResources {
    /** A stored object and its owner. */
    public record Owned(String ownerUserId, ObjectNode node) {}

    private final Map<String, Map<String, Owned>> byKind = new ConcurrentHashMap<>();

    public void put(String kind, String id, String ownerUserId, ObjectNode node) {
        byKind.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).put(id, new Owned(ownerUserId, node));
    }

    public Optional<Owned> get(String kind, String id) {
        return Optional.ofNullable(id == null ? null : byKind.getOrDefault(kind, Map.of()).get(id));
    }

    public List<Owned> all(String kind) {
        return List.copyOf(byKind.getOrDefault(kind, Map.of()).values());
    }

    public List<Owned> ownedBy(String kind, String userId) {
        return all(kind).stream().filter(o -> o.ownerUserId().equals(userId)).toList();
    }
}
