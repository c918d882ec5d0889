package io.restream.platforms.kick;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.ChatSender;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSource;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.port.ViewerCounter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kick's chat ports. Chat arrives as webhooks at the service (the app's webhook URL is set in
 * Kick's developer settings), so opening a session only subscribes the channel to
 * {@code chat.message.sent} and closing it unsubscribes.
 */
public final class KickChat implements ChatSource, ChatSender, ViewerCounter {
    private static final Logger log = LoggerFactory.getLogger(KickChat.class);

    private final String api;
    private final PlatformHttp http;
    private final ScheduledExecutorService timers;

    KickChat(String api, PlatformHttp http, ScheduledExecutorService timers) {
        this.api = api;
        this.http = http;
        this.timers = timers;
    }

    @Override
    public boolean deliveredByWebhook() {
        return true;
    }

    @Override
    public ChatSubscription open(ChatTarget target, ChatSink sink) {
        Subscription s = new Subscription(target, sink);
        timers.execute(s::subscribe);
        return s;
    }

    /** One channel's webhook subscription. */
    private final class Subscription implements ChatSubscription {
        private final ChatTarget target;
        private final ChatSink sink;
        private volatile String id;
        private volatile boolean closed;

        Subscription(ChatTarget target, ChatSink sink) {
            this.target = target;
            this.sink = sink;
        }

        void subscribe() {
            if (closed) return;
            Map<String, Object> body = Map.of(
                    "broadcaster_user_id", asNumber(target.channelId()),
                    "events", List.of(Map.of("name", "chat.message.sent", "version", 1)),
                    "method", "webhook");
            try {
                JsonNode res = http.postJson(api + "/public/v1/events/subscriptions",
                        PlatformHttp.bearer(target.accessToken()), body).require("subscribing to Kick chat");
                JsonNode first = res.path("data").path(0);
                if (first.hasNonNull("error") && !first.path("error").asText().isEmpty()) {
                    throw new PlatformException("platform_error", "Kick refused the subscription: " + first.path("error").asText());
                }
                id = first.path("subscription_id").asText(null);
                log.info("job {}: Kick chat subscribed", target.jobId());
                if (closed) unsubscribe();
            } catch (PlatformException e) {
                log.warn("job {}: Kick chat subscription failed: {}", target.jobId(), e.getMessage());
                if ("needs_reconnect".equals(e.code())) sink.ended(e.getMessage());
                else timers.schedule(this::subscribe, 5, TimeUnit.SECONDS);
            }
        }

        private void unsubscribe() {
            String current = id;
            if (current == null) return;
            id = null;
            try {
                http.delete(api + "/public/v1/events/subscriptions?id=" + PlatformHttp.q(current),
                        PlatformHttp.bearer(target.accessToken())).require("unsubscribing from Kick chat");
            } catch (PlatformException e) {
                log.info("job {}: Kick chat unsubscribe failed: {}", target.jobId(), e.getMessage());
            }
        }

        @Override
        public void close() {
            closed = true;
            timers.execute(this::unsubscribe);
        }
    }

    @Override
    public void send(ChatTarget target, String message) throws PlatformException {
        JsonNode res = http.postJson(api + "/public/v1/chat", PlatformHttp.bearer(target.accessToken()),
                Map.of("broadcaster_user_id", asNumber(target.channelId()), "content", message, "type", "user"))
                .require("sending to Kick chat");
        if (!res.path("data").path("is_sent").asBoolean(false)) {
            throw new PlatformException("chat_refused", "Kick did not send the message");
        }
    }

    @Override
    public OptionalLong count(ChatTarget target) throws PlatformException {
        JsonNode data = http.get(api + "/public/v2/livestreams?broadcaster_user_id=" + PlatformHttp.q(target.channelId()),
                PlatformHttp.bearer(target.accessToken())).require("reading the Kick viewers").path("data");
        return data.size() == 0 || !data.get(0).has("viewer_count")
                ? OptionalLong.empty() : OptionalLong.of(data.get(0).get("viewer_count").asLong());
    }

    /** Kick's user ids are numbers on the wire. */
    private static Object asNumber(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return id;
        }
    }
}
