package io.restream.platforms.port;

import io.restream.platforms.port.PlatformException;
import java.util.OptionalLong;

/** How many watch a live job on one platform. Blocks: call it off the event loop. */
public interface ViewerCounter {
    /** The current count, or empty when the platform does not say (offline, hidden). */
    OptionalLong count(ChatTarget target) throws PlatformException;
}
