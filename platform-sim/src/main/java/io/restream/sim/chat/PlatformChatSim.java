package io.restream.sim.chat;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;

/** One simulated platform's chat: its real-path API and what the control routes drive. */
interface PlatformChatSim {
    /** Mounts the platform's own endpoints (chat in, chat out, viewers) at their real paths. */
    void mount(Router router);

    /**
     * A viewer writes {@code message}; delivered the platform's way to every open chat session
     * (or the one of {@code channel} when given). {@code redeliver} delivers it twice, as platforms
     * sometimes do. Completes with the platform's message id.
     */
    Future<String> say(String channel, String author, String message, boolean redeliver);

    /** What was posted into this platform's chat through its send API. */
    List<SentMessage> sent();

    void viewers(long count);

    /** While on, the send API refuses every message. */
    void failSends(boolean fail);
}
