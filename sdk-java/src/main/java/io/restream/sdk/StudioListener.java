package io.restream.sdk;

import java.util.List;

/**
 * Receives a {@link RestreamStudio}'s live state. Register with {@link RestreamStudio#listen};
 * implement only the methods you need (each has a no-op default).
 *
 * <p>Every call comes on the studio's one listener thread, in the order the changes happened,
 * never on the caller's thread; return quickly. A method that throws is logged and the listener
 * keeps being called.
 */
public interface StudioListener {
    /** The user's connections, whole, each time they change (and once loaded at start). */
    default void onConnections(List<Connection> connections) {}

    /** The current job changed (status, broadcasts); also after goLive, stopLive and refreshJob. */
    default void onJob(Job job) {}

    /** Merged viewer counts. */
    default void onViewers(Viewers viewers) {}

    /** One new chat message: once per comment id, even across reconnects. */
    default void onComment(Comment comment) {}

    /** The latest 200 comments, oldest first, after each change; equal to {@link RestreamStudio#comments()}. */
    default void onComments(List<Comment> comments) {}

    /** Something failed in the background (the event stream, a token); the studio carries on and retries. */
    default void onError(RestreamException error) {}

    /** The event stream is open (again). */
    default void onStreamOpen() {}

    /** The event stream closed; unless the studio is closing it reconnects with backoff and resumes. */
    default void onStreamClosed() {}
}
