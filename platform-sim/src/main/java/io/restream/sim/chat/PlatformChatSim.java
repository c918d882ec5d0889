package io.restream.sim.chat;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One simulated platform's chat: its real-path API, plus the state every platform's control
 * routes drive alike (what was sent, the viewer count, whether sends fail).
 */
abstract class PlatformChatSim {
    /** Messages posted into this platform's chat through its send API. */
    final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    volatile long viewers;
    /** While on, the send API refuses every message. */
    volatile boolean failSends;

    /** Mounts the platform's own endpoints (chat in, chat out, viewers) at their real paths. */
    abstract void mount(Router router);

    /**
     * A viewer writes {@code message}; delivered the platform's way to every open chat session
     * (or the one of {@code channel} when given). {@code redeliver} delivers it twice, as platforms
     * sometimes do. Completes with the platform's message id.
     */
    abstract Future<String> say(String channel, String author, String message, boolean redeliver);

    /** What was posted into this platform's chat through its send API. */
    final List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    final void viewers(long count) {
        viewers = count;
    }

    final void failSends(boolean fail) {
        failSends = fail;
    }
}
