package io.restream.platforms.port;

import io.restream.core.connections.StoredConnection;
import io.restream.core.model.UserRef;

/**
 * The title port of a platform: sets the stream's title (and description where the platform has
 * one) on the user's channel or on this job's broadcast. Twitch: the channel title; Kick: the
 * channel's stream title; YouTube: the broadcast's snippet; Facebook: the live video. Blocks (HTTP):
 * call it off the event loop.
 */
public interface StreamMetadata {
    /** A title and a description; either may be null (the platform keeps what it has). */
    record Text(String title, String description) {
        public boolean isEmpty() { return title == null && description == null; }
    }

    /**
     * @param broadcastId the platform's id of the job's broadcast (YouTube, Facebook), null for a channel-level title
     * @throws PlatformException when the platform refuses (e.g. {@code missing_scope} for a connection made
     *     before the scope was asked for); the caller reports it on that broadcast only
     */
    void apply(UserRef user, StoredConnection connection, String broadcastId, Text text) throws PlatformException;
}
