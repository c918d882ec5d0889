package io.restream.platforms.port;

import io.restream.platforms.port.PlatformException;

/** Posts a message into a live job's chat on one platform as the streamer. Blocks: call it off the event loop. */
public interface ChatSender {
    /** @throws PlatformException when the platform refuses or cannot be reached (the result names why) */
    void send(ChatTarget target, String message) throws PlatformException;
}
