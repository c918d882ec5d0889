package io.restream.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The studio's live snapshots (connections, job, viewers, latest comments), updated from API
 * answers and the event stream, each change queued to the listeners under the same lock so that
 * listeners see changes in the order they were applied.
 */
final class StudioState {
    static final int MAX_COMMENTS = 200;
    /** Ids remembered for deduplication, beyond the 200 kept: a replay never repeats older ones either. */
    private static final int MAX_SEEN = 5_000;

    private final Listeners listeners;
    private volatile List<Connection> connections = List.of();
    private volatile Optional<Job> job = Optional.empty();
    private long jobCreatedAt = Long.MIN_VALUE;
    private volatile Viewers viewers = Viewers.NONE;
    private volatile List<Comment> comments = List.of();
    private final ArrayDeque<Comment> window = new ArrayDeque<>();
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    StudioState(Listeners listeners) {
        this.listeners = listeners;
    }

    List<Connection> connections() { return connections; }
    Optional<Job> job() { return job; }
    Viewers viewers() { return viewers; }
    List<Comment> comments() { return comments; }

    synchronized void connections(List<Connection> list) {
        List<Connection> copy = List.copyOf(list);
        connections = copy;
        listeners.emit(l -> l.onConnections(copy));
    }

    /**
     * A job as the service sent it. An answer about an older job (the one a goLive superseded,
     * arriving late) does not replace a newer current job.
     */
    synchronized Job job(JsonNode node) {
        if (node == null || !node.isObject()) throw new RestreamException(0, "invalid_response", "the service answered without a job", java.util.Map.of());
        Job j = Json.as(node, Job.class);
        long createdAt = node.path("createdAt").asLong(0);
        Job current = job.orElse(null);
        boolean same = current != null && current.id().equals(j.id());
        if (same || createdAt >= jobCreatedAt) {
            job = Optional.of(j);
            jobCreatedAt = Math.max(createdAt, same ? jobCreatedAt : createdAt);
            listeners.emit(l -> l.onJob(j));
        }
        return j;
    }

    synchronized void noJob() {
        job = Optional.empty();
        jobCreatedAt = Long.MIN_VALUE;
    }

    synchronized void viewers(Viewers v) {
        viewers = v;
        listeners.emit(l -> l.onViewers(v));
    }

    /** Adds a comment unless its id was seen; returns whether it was new. */
    synchronized boolean comment(Comment c) {
        if (c.id() == null || !seen.add(c.id())) return false;
        if (seen.size() > MAX_SEEN) seen.remove(seen.iterator().next());
        window.addLast(c);
        while (window.size() > MAX_COMMENTS) window.removeFirst();
        List<Comment> snapshot = List.copyOf(new ArrayList<>(window));
        comments = snapshot;
        listeners.emit(l -> l.onComment(c));
        listeners.emit(l -> l.onComments(snapshot));
        return true;
    }
}
