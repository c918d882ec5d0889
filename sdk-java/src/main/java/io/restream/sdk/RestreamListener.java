package io.restream.sdk;

import io.restream.sdk.Model.Comment;
import io.restream.sdk.Model.Connection;
import io.restream.sdk.Model.Job;
import io.restream.sdk.Model.Viewers;
import java.util.List;

/**
 * Receives the user's live events ({@code GET /api/v1/events}). Called on the stream's own thread,
 * one event at a time; return quickly. Extend {@link Adapter} to implement only what you need.
 */
public interface RestreamListener {
    /** A chat message from any platform; never twice, even across reconnects. */
    void onComment(Comment comment);

    /** The current job changed (status, broadcasts, stats, overlay). */
    void onJob(Job job);

    /** Merged viewer counts. */
    void onViewers(Viewers viewers);

    /** The user's connections changed. */
    void onConnections(List<Connection> connections);

    /** The stream dropped; it reconnects by itself after the configured delay, resuming after the last comment. */
    void onDisconnected(Throwable cause);

    /** A listener that ignores everything; override what you need. */
    class Adapter implements RestreamListener {
        @Override public void onComment(Comment comment) {}
        @Override public void onJob(Job job) {}
        @Override public void onViewers(Viewers viewers) {}
        @Override public void onConnections(List<Connection> connections) {}
        @Override public void onDisconnected(Throwable cause) {}
    }
}
