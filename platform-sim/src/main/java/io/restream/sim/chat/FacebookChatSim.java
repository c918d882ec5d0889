package io.restream.sim.chat;

import io.restream.core.json.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Facebook chat on live videos: {@code GET /facebook/streaming/{video}/live_comments} (Server-Sent
 * Events, one {@code data:} line per comment), {@code POST /facebook/graph/{v}/{video}/comments}
 * and {@code GET /facebook/graph/{v}/{video}?fields=live_views}.
 */
final class FacebookChatSim extends PlatformChatSim {
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final Map<String, Set<HttpServerResponse>> streams = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100_000);

    private final SimAuth auth;

    FacebookChatSim(SimAuth auth) {
        this.auth = auth;
    }

    private boolean authorized(RoutingContext rc) {
        return auth.valid("facebook", SimBodies.bearer(rc));
    }

    @Override
    public void mount(Router router) {
        router.get("/facebook/streaming/:video/live_comments").handler(this::onStream);
        router.post("/facebook/graph/:version/:video/comments").handler(this::onComment);
        router.get("/facebook/graph/:version/:video").handler(rc -> {
            if (!"live_views".equals(rc.request().getParam("fields"))) {
                rc.next(); // other Graph reads belong to the rest of the simulator
                return;
            }
            if (!authorized(rc)) {
                graphError(rc, 400, "Error validating access token: the session is invalid.");
                return;
            }
            SimBodies.reply(rc, 200, Map.of("live_views", viewers, "id", rc.pathParam("video")));
        });
        router.get("/sim/facebook/chat/streams").handler(rc -> SimBodies.reply(rc, 200, streams.entrySet().stream()
                .map(e -> Map.of("video", e.getKey(), "listeners", e.getValue().size())).toList()));
    }

    private void onStream(RoutingContext rc) {
        if (!authorized(rc)) {
            graphError(rc, 400, "Error validating access token: the session is invalid.");
            return;
        }
        String video = rc.pathParam("video");
        HttpServerResponse res = rc.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
        res.write(": connected\n\n");
        Set<HttpServerResponse> listeners = streams.computeIfAbsent(video, v -> ConcurrentHashMap.newKeySet());
        listeners.add(res);
        res.closeHandler(v -> listeners.remove(res));
    }

    @Override
    public Future<String> say(String channel, String author, String message, boolean redeliver) {
        String id = "9" + ids.incrementAndGet() + "_" + ids.incrementAndGet();
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("created_time", ZonedDateTime.now(ZoneOffset.UTC).format(GRAPH_TIME));
        if (!"anonymous".equals(author)) {
            comment.put("from", Map.of("name", author, "id", "10" + Math.abs(author.hashCode()),
                    "picture", Map.of("data", Map.of("url", "https://graph.facebook.com/" + Math.abs(author.hashCode()) + "/picture"))));
        }
        comment.put("message", message);
        comment.put("id", id);
        String frame = "data: " + Json.write(comment) + "\n\n";
        streams.forEach((video, listeners) -> {
            if (channel != null && !channel.equals(video)) return;
            for (HttpServerResponse r : listeners) {
                r.write(frame);
                if (redeliver) r.write(frame);
            }
        });
        return Future.succeededFuture(id);
    }

    private void onComment(RoutingContext rc) {
        SimBodies.raw(rc).onSuccess(body -> {
            String token = rc.request().getParam("access_token");
            String message = rc.request().getParam("message");
            if (!authorized(rc)) {
                graphError(rc, 400, "Error validating access token: the session is invalid.");
                return;
            }
            if (failSends) {
                graphError(rc, 500, "An unexpected error has occurred. Please retry your request later.");
                return;
            }
            sent.add(new SentMessage(rc.pathParam("video"), message == null ? "" : message, System.currentTimeMillis()));
            SimBodies.reply(rc, 200, Map.of("id", rc.pathParam("video") + "_" + ids.incrementAndGet()));
        });
    }

    private static void graphError(RoutingContext rc, int status, String message) {
        SimBodies.reply(rc, status, Map.of("error", Map.of("message", message, "type", "OAuthException",
                "code", status == 401 ? 190 : 2, "fbtrace_id", "sim")));
    }
}
