package io.restream.platforms.port;

import io.restream.core.model.Comment;

/** Where a {@link ChatSource} hands what it reads. Called from the source's own threads. */
public interface ChatSink {
    /** A viewer's message; may be a redelivery of one already handed over (the log dedupes on the id). */
    void comment(Comment comment);

    /**
     * The platform ended the session for good (token revoked, subscription removed); the source
     * will not deliver more until it is opened again.
     */
    default void ended(String reason) {}
}
