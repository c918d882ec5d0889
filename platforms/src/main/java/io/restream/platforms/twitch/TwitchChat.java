package io.restream.platforms.twitch;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.ChatSender;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSource;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.port.ViewerCounter;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/** Twitch's chat ports: EventSub in, Helix chat out, Helix streams for viewers. */
public final class TwitchChat implements ChatSource, ChatSender, ViewerCounter {
    /** Helix, the EventSub WebSocket, and the app's client id Helix wants beside every token. */
    record Urls(String helix, String eventSub, String clientId) {}

    private final Urls endpoints;
    private final PlatformHttp http;
    private final ScheduledExecutorService timers;

    TwitchChat(Urls endpoints, PlatformHttp http, ScheduledExecutorService timers) {
        this.endpoints = endpoints;
        this.http = http;
        this.timers = timers;
    }

    @Override
    public ChatSubscription open(ChatTarget target, ChatSink sink) {
        EventSubSession session = new EventSubSession(endpoints, http, timers, target, sink);
        session.start();
        return session;
    }

    @Override
    public void send(ChatTarget target, String message) throws PlatformException {
        JsonNode res = http.postJson(endpoints.helix() + "/chat/messages", headers(target),
                Map.of("broadcaster_id", target.channelId(), "sender_id", target.channelId(), "message", message))
                .require("sending to Twitch chat");
        JsonNode sent = res.path("data").path(0);
        if (!sent.path("is_sent").asBoolean(false)) {
            String reason = sent.path("drop_reason").path("message").asText("dropped by Twitch");
            throw new PlatformException("chat_refused", "Twitch did not send the message: " + reason);
        }
    }

    @Override
    public OptionalLong count(ChatTarget target) throws PlatformException {
        JsonNode data = http.get(endpoints.helix() + "/streams?user_id=" + PlatformHttp.q(target.channelId()), headers(target))
                .require("reading the Twitch viewers").path("data");
        return data.size() == 0 ? OptionalLong.empty() : OptionalLong.of(data.get(0).path("viewer_count").asLong());
    }

    private Map<String, String> headers(ChatTarget target) {
        Map<String, String> h = new HashMap<>(PlatformHttp.bearer(target.accessToken()));
        h.put("Client-Id", endpoints.clientId());
        return h;
    }
}
