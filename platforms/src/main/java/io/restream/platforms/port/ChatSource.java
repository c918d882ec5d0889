package io.restream.platforms.port;

/**
 * Reads a live job's chat on one platform, the platform's own way (a socket, a stream, polling, or
 * a webhook subscription). Opening does not block: the session runs on the source's own threads
 * and keeps itself alive (reconnects, keepalives) until closed.
 */
public interface ChatSource {
    ChatSubscription open(ChatTarget target, ChatSink sink);

    /**
     * Whether messages arrive at the service as webhooks rather than through the sink (Kick): the
     * aggregator then routes the platform's channel id to the user while the job runs.
     */
    default boolean deliveredByWebhook() {
        return false;
    }

    /** Whether {@link ChatTarget#broadcastId()} must be known before opening (YouTube, Facebook). */
    default boolean needsBroadcastId() {
        return false;
    }
}
