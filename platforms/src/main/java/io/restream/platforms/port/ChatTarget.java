package io.restream.platforms.port;

import io.restream.core.connections.StoredConnection;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;

/**
 * One destination of one live job, as the chat ports see it.
 *
 * @param connection the destination's connection with its (decrypted) token; its {@code toString}
 *     is redacted
 * @param broadcastId the platform's id of this job's broadcast (YouTube broadcast, Facebook live
 *     video), or null where the channel itself is the chat (Twitch, Kick)
 */
public record ChatTarget(String jobId, UserRef user, StoredConnection connection, String broadcastId) {
    public Platform platform() {
        return connection.connection().platform();
    }

    /** The platform's id of the streamer's channel/account. */
    public String channelId() {
        return connection.connection().platformUserId();
    }

    /** The same target with a renewed connection (fresh token). */
    public ChatTarget with(StoredConnection renewed) {
        return new ChatTarget(jobId, user, renewed, broadcastId);
    }

    public String accessToken() {
        return connection.secrets().accessToken();
    }
}
