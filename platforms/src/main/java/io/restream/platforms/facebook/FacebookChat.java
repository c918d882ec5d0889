package io.restream.platforms.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.ChatSender;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSource;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.port.ViewerCounter;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Facebook's chat ports, all on the job's live video ({@link ChatTarget#broadcastId()}). Calls use
 * the Page token when the connection has one ({@code extra.pageAccessToken}): comments are posted
 * as the Page.
 */
public final class FacebookChat implements ChatSource, ChatSender, ViewerCounter {
    private final String graph;
    private final String streaming;
    private final PlatformHttp http;
    private final ScheduledExecutorService timers;

    FacebookChat(String graph, String streaming, PlatformHttp http, ScheduledExecutorService timers) {
        this.graph = graph;
        this.streaming = streaming;
        this.http = http;
        this.timers = timers;
    }

    @Override
    public boolean needsBroadcastId() {
        return true;
    }

    @Override
    public ChatSubscription open(ChatTarget target, ChatSink sink) {
        LiveCommentsStream s = new LiveCommentsStream(LiveCommentsStream.url(streaming, target, token(target)), http, timers, target, sink);
        s.start();
        return s;
    }

    @Override
    public void send(ChatTarget target, String message) throws PlatformException {
        requireVideo(target);
        JsonNode res = http.post(graph + "/" + PlatformHttp.q(target.broadcastId()) + "/comments?message="
                + PlatformHttp.q(message) + "&access_token=" + PlatformHttp.q(token(target)), Map.of()).require("commenting on the Facebook live video");
        if (!res.hasNonNull("id")) throw new PlatformException("chat_refused", "Facebook did not post the comment");
    }

    @Override
    public OptionalLong count(ChatTarget target) throws PlatformException {
        requireVideo(target);
        JsonNode res = http.get(graph + "/" + PlatformHttp.q(target.broadcastId()) + "?fields=live_views&access_token="
                + PlatformHttp.q(token(target)), Map.of()).require("reading the Facebook viewers");
        return res.has("live_views") ? OptionalLong.of(res.get("live_views").asLong()) : OptionalLong.empty();
    }

    private static void requireVideo(ChatTarget target) throws PlatformException {
        if (target.broadcastId() == null) throw new PlatformException("not_live", "The Facebook live video is not set up yet");
    }

    private static String token(ChatTarget target) {
        String page = target.connection().secrets().extra().get("pageAccessToken");
        return page != null && !page.isBlank() ? page : target.accessToken();
    }
}
