package io.restream.sim.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * YouTube live chat: {@code GET /youtube/youtube/v3/liveBroadcasts?id=} (the broadcast's
 * {@code snippet.liveChatId}), {@code GET|POST /youtube/youtube/v3/liveChat/messages} (pages with
 * {@code nextPageToken} and {@code pollingIntervalMillis}) and {@code GET /youtube/youtube/v3/videos?part=liveStreamingDetails}.
 * A redelivered message makes the next page overlap the previous one, as YouTube's pages may.
 */
final class YouTubeChatSim extends PlatformChatSim {
    private static final String API = "/youtube/youtube/v3";

    private final Map<String, List<Map<String, Object>>> chats = new ConcurrentHashMap<>();
    private final Map<String, Integer> overlapFrom = new ConcurrentHashMap<>();
    private volatile long pollingIntervalMillis;
    /** Open {@code liveChat/messages/stream} responses per live chat. */
    private final Map<String, java.util.Set<io.vertx.core.http.HttpServerResponse>> streams = new ConcurrentHashMap<>();
    private volatile boolean streamEnabled = true;

    private final boolean standalone;

    private final SimAuth auth;

    YouTubeChatSim(SimAuth auth, long pollingIntervalMillis, boolean standalone) {
        this.auth = auth;
        this.pollingIntervalMillis = pollingIntervalMillis;
        this.standalone = standalone;
    }

    @Override
    public void mount(Router router) {
        if (standalone) router.get(API + "/liveBroadcasts").handler(this::onBroadcasts);
        router.get(API + "/liveChat/messages/stream").handler(this::onStream);
        router.get(API + "/liveChat/messages").handler(this::onList);
        router.post(API + "/liveChat/messages").handler(this::onInsert);
        router.get(API + "/videos").handler(this::onVideos);
        router.put("/sim/youtube/chat/polling").handler(rc -> SimBodies.json(rc).onSuccess(body -> {
            pollingIntervalMillis = body.path("millis").asLong(pollingIntervalMillis);
            SimBodies.reply(rc, 200, Map.of("millis", pollingIntervalMillis));
        }));
        router.put("/sim/youtube/chat/stream").handler(rc -> SimBodies.json(rc).onSuccess(body -> {
            streamEnabled = body.path("enabled").asBoolean(true);
            SimBodies.reply(rc, 200, Map.of("enabled", streamEnabled));
        }));
        router.get("/sim/youtube/chat/streams").handler(rc -> SimBodies.reply(rc, 200, streams.entrySet().stream()
                .map(e -> Map.of("liveChatId", e.getKey(), "listeners", e.getValue().size())).toList()));
        router.get("/sim/youtube/chats").handler(rc -> SimBodies.reply(rc, 200, List.copyOf(chats.keySet())));
    }

    private static String chatIdOf(String broadcastId) {
        return "Cg0KC" + broadcastId;
    }

    private void onBroadcasts(RoutingContext rc) {
        String id = rc.request().getParam("id");
        if (id == null || id.contains(",")) {
            rc.next(); // listing "mine" and the rest belongs to the simulator's broadcast set-up
            return;
        }
        if (!authorized(rc)) return;
        String chatId = chatIdOf(id);
        chats.computeIfAbsent(chatId, c -> new CopyOnWriteArrayList<>());
        Map<String, Object> snippet = new LinkedHashMap<>();
        snippet.put("title", "Live");
        snippet.put("liveChatId", chatId);
        SimBodies.reply(rc, 200, Map.of("kind", "youtube#liveBroadcastListResponse",
                "items", List.of(Map.of("kind", "youtube#liveBroadcast", "id", id, "snippet", snippet))));
    }

    /**
     * The REST form of {@code streamList}: a JSON array of list responses, the first with the
     * history from {@code pageToken}, then one per new message, the response kept open.
     */
    private void onStream(RoutingContext rc) {
        if (!authorized(rc)) return;
        if (!streamEnabled) {
            error(rc, 404, "notFound", "The requested method was not found.");
            return;
        }
        String chatId = rc.request().getParam("liveChatId");
        if (chatId == null || chatId.isBlank()) {
            error(rc, 400, "liveChatIdRequired", "The liveChatId parameter is required.");
            return;
        }
        List<Map<String, Object>> messages = chats.computeIfAbsent(chatId, c -> new CopyOnWriteArrayList<>());
        int from = 0;
        String token = rc.request().getParam("pageToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token.substring(1));
            } catch (RuntimeException e) {
                error(rc, 400, "pageTokenInvalid", "The page token is invalid.");
                return;
            }
        }
        io.vertx.core.http.HttpServerResponse res = rc.response().setChunked(true).putHeader("Content-Type", "application/json; charset=UTF-8");
        java.util.Set<io.vertx.core.http.HttpServerResponse> listeners = streams.computeIfAbsent(chatId, c -> ConcurrentHashMap.newKeySet());
        synchronized (messages) {
            int to = messages.size();
            res.write("[" + io.restream.core.json.Json.write(page(new ArrayList<>(messages.subList(Math.min(from, to), to)), to)));
            listeners.add(res);
        }
        res.closeHandler(v -> listeners.remove(res));
    }

    private Map<String, Object> page(List<Map<String, Object>> items, int next) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("kind", "youtube#liveChatMessageListResponse");
        page.put("etag", UUID.randomUUID().toString());
        page.put("nextPageToken", "T" + next);
        page.put("pageInfo", Map.of("totalResults", items.size(), "resultsPerPage", items.size()));
        page.put("items", items);
        return page;
    }

    private void onList(RoutingContext rc) {
        if (!authorized(rc)) return;
        String chatId = rc.request().getParam("liveChatId");
        // Any broadcast's chat exists once someone reads it (the broadcast itself is the API simulator's).
        List<Map<String, Object>> messages = chatId == null || chatId.isBlank() ? null
                : chats.computeIfAbsent(chatId, c -> new CopyOnWriteArrayList<>());
        if (messages == null) {
            error(rc, 404, "liveChatNotFound", "The live chat that you are trying to retrieve cannot be found.");
            return;
        }
        int from = 0;
        String token = rc.request().getParam("pageToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token.substring(1));
            } catch (RuntimeException e) {
                error(rc, 400, "pageTokenInvalid", "The page token is invalid.");
                return;
            }
        }
        int to = messages.size();
        List<Map<String, Object>> items = new ArrayList<>(messages.subList(Math.min(from, to), to));
        int next = to;
        Integer overlap = overlapFrom.get(chatId);
        if (overlap != null && overlap >= from && overlap < to) {
            next = overlap; // this page's last message comes again on the next page
            overlapFrom.remove(chatId);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("kind", "youtube#liveChatMessageListResponse");
        page.put("etag", UUID.randomUUID().toString());
        page.put("pollingIntervalMillis", pollingIntervalMillis);
        page.put("pageInfo", Map.of("totalResults", items.size(), "resultsPerPage", items.size()));
        page.put("nextPageToken", "T" + next);
        page.put("items", items);
        SimBodies.reply(rc, 200, page);
    }

    @Override
    public Future<String> say(String channel, String author, String message, boolean redeliver) {
        String id = "LCC." + UUID.randomUUID().toString().replace("-", "");
        chats.forEach((chatId, messages) -> {
            if (channel != null && !channel.equals(chatId)) return;
            Map<String, Object> snippet = new LinkedHashMap<>();
            snippet.put("type", "textMessageEvent");
            snippet.put("liveChatId", chatId);
            snippet.put("authorChannelId", "UC" + Math.abs(author.hashCode()));
            snippet.put("publishedAt", Instant.now().toString());
            snippet.put("hasDisplayContent", true);
            snippet.put("displayMessage", message);
            snippet.put("textMessageDetails", Map.of("messageText", message));
            Map<String, Object> authorDetails = new LinkedHashMap<>();
            authorDetails.put("channelId", "UC" + Math.abs(author.hashCode()));
            authorDetails.put("displayName", author);
            authorDetails.put("profileImageUrl", "https://yt3.ggpht.com/" + Math.abs(author.hashCode()));
            authorDetails.put("isChatOwner", false);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", "youtube#liveChatMessage");
            item.put("etag", UUID.randomUUID().toString());
            item.put("id", id);
            item.put("snippet", snippet);
            item.put("authorDetails", authorDetails);
            synchronized (messages) {
                messages.add(item);
                if (redeliver) overlapFrom.put(chatId, messages.size() - 1);
                String frame = "," + io.restream.core.json.Json.write(page(List.of(item), messages.size()));
                for (io.vertx.core.http.HttpServerResponse r : streams.getOrDefault(chatId, java.util.Set.of())) {
                    r.write(frame);
                    if (redeliver) r.write(frame); // the stream repeats it, as a resumed stream may
                }
            }
        });
        return Future.succeededFuture(id);
    }

    private void onInsert(RoutingContext rc) {
        if (!authorized(rc)) return;
        SimBodies.json(rc).onSuccess(body -> {
            JsonNode snippet = body.path("snippet");
            if (failSends) {
                error(rc, 403, "forbidden", "The request is not properly authorized to create a message.");
                return;
            }
            if (snippet.path("liveChatId").asText().isBlank()) {
                error(rc, 404, "liveChatNotFound", "The live chat that you are trying to retrieve cannot be found.");
                return;
            }
            String text = snippet.path("textMessageDetails").path("messageText").asText();
            sent.add(new SentMessage(snippet.path("liveChatId").asText(), text, System.currentTimeMillis()));
            SimBodies.reply(rc, 200, Map.of("kind", "youtube#liveChatMessage", "id", "LCC." + UUID.randomUUID(),
                    "snippet", Map.of("liveChatId", snippet.path("liveChatId").asText(), "type", "textMessageEvent",
                            "displayMessage", text, "publishedAt", Instant.now().toString())));
        });
    }

    private void onVideos(RoutingContext rc) {
        if (!"liveStreamingDetails".equals(rc.request().getParam("part"))) {
            rc.next();
            return;
        }
        if (!authorized(rc)) return;
        String id = rc.request().getParam("id");
        SimBodies.reply(rc, 200, Map.of("kind", "youtube#videoListResponse", "items", List.of(Map.of("kind", "youtube#video",
                "id", id == null ? "" : id, "liveStreamingDetails",
                Map.of("actualStartTime", Instant.now().toString(), "concurrentViewers", Long.toString(viewers))))));
    }

    private boolean authorized(RoutingContext rc) {
        if (auth.valid("youtube", SimBodies.bearer(rc))) return true;
        error(rc, 401, "authError", "Request is missing required authentication credential.");
        return false;
    }

    private static void error(RoutingContext rc, int status, String reason, String message) {
        SimBodies.reply(rc, status, Map.of("error", Map.of("code", status, "message", message,
                "errors", List.of(Map.of("message", message, "domain", "youtube.liveChat", "reason", reason)))));
    }
}
