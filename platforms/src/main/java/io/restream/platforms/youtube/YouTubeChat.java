package io.restream.platforms.youtube;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * YouTube's chat ports, on the job's broadcast ({@link ChatTarget#broadcastId()}). Chat in is the
 * {@code streamList} server stream ({@link LiveChatStream}, far less quota), or polling
 * ({@link LiveChatPoller}) where the stream is refused.
 */
public final class YouTubeChat implements ChatSource, ChatSender, ViewerCounter {
    private final String api;
    private final PlatformHttp http;
    private final ScheduledExecutorService timers;
    private final Map<String, String> liveChatIds = new ConcurrentHashMap<>();

    YouTubeChat(String api, PlatformHttp http, ScheduledExecutorService timers) {
        this.api = api;
        this.http = http;
        this.timers = timers;
    }

    @Override
    public boolean needsBroadcastId() {
        return true;
    }

    /** Reads with the {@code streamList} stream, falling back to polling where it is not offered. */
    @Override
    public ChatSubscription open(ChatTarget target, ChatSink sink) {
        LiveChatStream stream = new LiveChatStream(this, http, timers, target, sink);
        stream.start();
        return stream;
    }

    /** Polling from {@code pageToken} (null: from the start), for when the stream is not available. */
    ChatSubscription poll(ChatTarget target, ChatSink sink, String pageToken) {
        LiveChatPoller poller = new LiveChatPoller(this, timers, target, sink, pageToken);
        poller.start();
        return poller;
    }

    String streamUrl(String liveChatId, String pageToken) {
        return api + "/liveChat/messages/stream?part=snippet,authorDetails&maxResults=2000&liveChatId="
                + PlatformHttp.q(liveChatId) + (pageToken == null ? "" : "&pageToken=" + PlatformHttp.q(pageToken));
    }

    /** The broadcast's {@code snippet.liveChatId} (remembered: it does not change). */
    String liveChatId(ChatTarget target) throws PlatformException {
        String known = liveChatIds.get(target.broadcastId());
        if (known != null) return known;
        JsonNode items = http.get(api + "/liveBroadcasts?part=snippet&id=" + PlatformHttp.q(target.broadcastId()),
                PlatformHttp.bearer(target.accessToken())).require("reading the YouTube broadcast").path("items");
        String id = items.path(0).path("snippet").path("liveChatId").asText(null);
        if (id == null || id.isBlank()) throw new PlatformException("not_live", "The YouTube broadcast has no live chat");
        liveChatIds.put(target.broadcastId(), id);
        return id;
    }

    JsonNode messages(ChatTarget target, String liveChatId, String pageToken) throws PlatformException {
        String url = api + "/liveChat/messages?part=snippet,authorDetails&maxResults=2000&liveChatId="
                + PlatformHttp.q(liveChatId) + (pageToken == null ? "" : "&pageToken=" + PlatformHttp.q(pageToken));
        return http.get(url, PlatformHttp.bearer(target.accessToken())).require("reading the YouTube chat");
    }

    @Override
    public void send(ChatTarget target, String message) throws PlatformException {
        if (target.broadcastId() == null) throw new PlatformException("not_live", "The YouTube broadcast is not set up yet");
        Map<String, Object> body = Map.of("snippet", Map.of("liveChatId", liveChatId(target), "type", "textMessageEvent",
                "textMessageDetails", Map.of("messageText", message)));
        JsonNode res = http.postJson(api + "/liveChat/messages?part=snippet", PlatformHttp.bearer(target.accessToken()), body)
                .require("sending to YouTube chat");
        if (!res.hasNonNull("id")) throw new PlatformException("chat_refused", "YouTube did not post the message");
    }

    @Override
    public OptionalLong count(ChatTarget target) throws PlatformException {
        if (target.broadcastId() == null) return OptionalLong.empty();
        JsonNode details = http.get(api + "/videos?part=liveStreamingDetails&id=" + PlatformHttp.q(target.broadcastId()),
                PlatformHttp.bearer(target.accessToken())).require("reading the YouTube viewers").path("items").path(0).path("liveStreamingDetails");
        String viewers = details.path("concurrentViewers").asText(null); // a string, and may be absent
        if (viewers == null) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(viewers));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
