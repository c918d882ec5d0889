package io.restream.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.sim.SimHttp;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimResources;
import io.restream.sim.state.SimState;
import io.restream.sim.state.SimToken;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * YouTube Data API v3 at {@code /youtube/youtube/v3}: {@code channels?mine=true},
 * {@code liveStreams} (insert, list), {@code liveBroadcasts} (insert, list, update of the snippet, bind, transition).
 * A broadcast with {@code enableAutoStart} goes {@code live} when its bound stream's ingest starts;
 * with {@code enableAutoStop} it completes {@link #AUTO_STOP_MS} after the ingest stops (as
 * YouTube does after a while), unless the app completes it first.
 */
public final class YouTubeApiSim implements IngestListener {
    public static final String STREAMS = "youtube#liveStream";
    public static final String BROADCASTS = "youtube#liveBroadcast";
    static final long AUTO_STOP_MS = 60_000;
    private static final String BASE = "/youtube/youtube/v3";

    private final Vertx vertx;
    private final SimState state;
    private final SimPlatform p;
    private final IngestAddresses ingest;

    public YouTubeApiSim(Vertx vertx, SimState state, IngestAddresses ingest) {
        this.vertx = vertx;
        this.state = state;
        this.p = state.platform("youtube");
        this.ingest = ingest;
    }

    public void mount(Router router) {
        router.get(BASE + "/channels").handler(this::onChannels);
        router.post(BASE + "/liveStreams").handler(this::onInsertStream);
        router.get(BASE + "/liveStreams").handler(rc -> onList(rc, STREAMS, "youtube#liveStreamListResponse"));
        router.post(BASE + "/liveBroadcasts").handler(this::onInsertBroadcast);
        router.get(BASE + "/liveBroadcasts").handler(rc -> onList(rc, BROADCASTS, "youtube#liveBroadcastListResponse"));
        router.put(BASE + "/liveBroadcasts").handler(this::onUpdateBroadcast);
        router.post(BASE + "/liveBroadcasts/bind").handler(this::onBind);
        router.post(BASE + "/liveBroadcasts/transition").handler(this::onTransition);
    }

    private void onChannels(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            ObjectNode channel = Json.MAPPER.createObjectNode().put("kind", "youtube#channel").put("id", t.user.id());
            channel.putObject("snippet").put("title", t.user.displayName()).put("customUrl", "@" + t.user.login().toLowerCase())
                    .put("description", "A simulated YouTube channel");
            ObjectNode res = Json.MAPPER.createObjectNode().put("kind", "youtube#channelListResponse");
            res.putObject("pageInfo").put("totalResults", 1).put("resultsPerPage", 5);
            res.putArray("items").add(channel);
            SimHttp.json(rc, 200, res);
        });
    }

    private void onInsertStream(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> body(rc).ifPresent(in -> {
            String id = t.user.id().substring(2) + Tokens.random(8);
            String key = Tokens.random(4) + "-" + Tokens.random(4) + "-" + Tokens.random(4) + "-" + Tokens.random(4) + "-" + Tokens.random(4);
            ObjectNode s = Json.MAPPER.createObjectNode().put("kind", STREAMS).put("id", id);
            s.putObject("snippet").put("title", in.path("snippet").path("title").asText("Restream")).put("channelId", t.user.id())
                    .put("publishedAt", Instant.now().toString());
            ObjectNode cdn = s.putObject("cdn").put("ingestionType", in.path("cdn").path("ingestionType").asText("rtmp"))
                    .put("resolution", in.path("cdn").path("resolution").asText("variable"))
                    .put("frameRate", in.path("cdn").path("frameRate").asText("variable"));
            cdn.putObject("ingestionInfo").put("streamName", key)
                    .put("ingestionAddress", ingest.rtmp("live2"))
                    .put("backupIngestionAddress", ingest.rtmp("live2") + "?backup=1")
                    .put("rtmpsIngestionAddress", ingest.rtmps("live2"))
                    .put("rtmpsBackupIngestionAddress", ingest.rtmps("live2") + "?backup=1");
            s.putObject("status").put("streamStatus", "ready").putObject("healthStatus").put("status", "noData");
            s.putObject("contentDetails").put("isReusable", in.path("contentDetails").path("isReusable").asBoolean(true));
            state.resources().put(STREAMS, id, t.user.id(), s);
            state.registerStreamKey(key, "youtube", t.user.id());
            SimHttp.json(rc, 200, s);
        }));
    }

    private void onInsertBroadcast(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> body(rc).ifPresent(in -> {
            String id = Tokens.random(11);
            ObjectNode b = Json.MAPPER.createObjectNode().put("kind", BROADCASTS).put("id", id);
            b.putObject("snippet").put("title", in.path("snippet").path("title").asText("Live"))
                    .put("description", in.path("snippet").path("description").asText(""))
                    .put("scheduledStartTime", in.path("snippet").path("scheduledStartTime").asText(Instant.now().toString()))
                    .put("channelId", t.user.id()).put("liveChatId", "Cg0KC" + id).put("publishedAt", Instant.now().toString());
            b.putObject("status").put("lifeCycleStatus", "created")
                    .put("privacyStatus", in.path("status").path("privacyStatus").asText("private"))
                    .put("recordingStatus", "notRecording");
            b.putObject("contentDetails")
                    .put("enableAutoStart", in.path("contentDetails").path("enableAutoStart").asBoolean(false))
                    .put("enableAutoStop", in.path("contentDetails").path("enableAutoStop").asBoolean(false));
            state.resources().put(BROADCASTS, id, t.user.id(), b);
            SimHttp.json(rc, 200, b);
        }));
    }

    /**
     * {@code PUT liveBroadcasts?part=snippet}: the snippet is replaced as a whole, as YouTube does;
     * {@code title} and {@code scheduledStartTime} are required.
     */
    private void onUpdateBroadcast(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> body(rc).ifPresent(in -> {
            JsonNode snippet = in.path("snippet");
            String title = snippet.path("title").asText("");
            if (title.isBlank() || title.length() > 100) {
                youtubeError(rc, 400, "invalidTitle", "The broadcast's title is missing or too long");
                return;
            }
            if (snippet.path("scheduledStartTime").asText("").isEmpty()) {
                youtubeError(rc, 400, "scheduledStartTimeRequired", "The request must specify a scheduled start time");
                return;
            }
            owned(rc, t, BROADCASTS, in.path("id").asText(null)).ifPresent(b -> {
                synchronized (b) {
                    ObjectNode s = (ObjectNode) b.get("snippet");
                    s.put("title", title).put("description", snippet.path("description").asText(""))
                            .put("scheduledStartTime", snippet.path("scheduledStartTime").asText());
                }
                SimHttp.json(rc, 200, b);
            });
        }));
    }

    private void onBind(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> owned(rc, t, BROADCASTS, rc.request().getParam("id")).ifPresent(b -> {
            String streamId = rc.request().getParam("streamId");
            if (streamId != null && state.resources().get(STREAMS, streamId).filter(s -> s.ownerUserId().equals(t.user.id())).isEmpty()) {
                youtubeError(rc, 404, "liveStreamNotFound", "Stream not found");
                return;
            }
            synchronized (b) {
                ObjectNode cd = (ObjectNode) b.get("contentDetails");
                if (streamId == null) cd.remove("boundStreamId");
                else cd.put("boundStreamId", streamId).put("boundStreamLastUpdateTimeMs", Instant.now().toString());
                ObjectNode status = (ObjectNode) b.get("status");
                if (streamId != null && status.path("lifeCycleStatus").asText().equals("created")) status.put("lifeCycleStatus", "ready");
            }
            SimHttp.json(rc, 200, b);
        }));
    }

    private void onTransition(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> owned(rc, t, BROADCASTS, rc.request().getParam("id")).ifPresent(b -> {
            String to = rc.request().getParam("broadcastStatus");
            synchronized (b) {
                String from = b.path("status").path("lifeCycleStatus").asText();
                boolean ok = switch (String.valueOf(to)) {
                    case "testing" -> from.equals("ready");
                    case "live" -> from.equals("ready") || from.equals("testing");
                    case "complete" -> from.equals("live") || from.equals("testing") || from.equals("liveStarting");
                    default -> false;
                };
                if (!ok) {
                    youtubeError(rc, 403, "invalidTransition", "The transition from " + from + " to " + to + " is not allowed");
                    return;
                }
                setLifeCycle(b, to);
            }
            SimHttp.json(rc, 200, b);
        }));
    }

    private void onList(RoutingContext rc, String kind, String listKind) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            String ids = rc.request().getParam("id");
            List<SimResources.Owned> found = state.resources().ownedBy(kind, t.user.id()).stream()
                    .filter(o -> ids == null || List.of(ids.split(",")).contains(o.node().path("id").asText())).toList();
            ObjectNode res = Json.MAPPER.createObjectNode().put("kind", listKind);
            res.putObject("pageInfo").put("totalResults", found.size()).put("resultsPerPage", found.size());
            ArrayNode items = res.putArray("items");
            found.forEach(o -> { synchronized (o.node()) { items.add(o.node().deepCopy()); } });
            SimHttp.json(rc, 200, res);
        });
    }

    @Override
    public void published(String platform, String streamKey) {
        streamByKey(streamKey).ifPresent(s -> {
            synchronized (s.node()) { ((ObjectNode) s.node().get("status")).put("streamStatus", "active"); }
            for (SimResources.Owned b : boundTo(s)) {
                synchronized (b.node()) {
                    String now = b.node().path("status").path("lifeCycleStatus").asText();
                    if (b.node().path("contentDetails").path("enableAutoStart").asBoolean() && (now.equals("ready") || now.equals("testing"))) {
                        setLifeCycle(b.node(), "live");
                    }
                }
            }
        });
    }

    @Override
    public void unpublished(String platform, String streamKey) {
        streamByKey(streamKey).ifPresent(s -> {
            synchronized (s.node()) { ((ObjectNode) s.node().get("status")).put("streamStatus", "inactive"); }
            vertx.setTimer(AUTO_STOP_MS, id -> {
                if (!s.node().path("status").path("streamStatus").asText().equals("inactive")) return;
                for (SimResources.Owned b : boundTo(s)) {
                    synchronized (b.node()) {
                        if (b.node().path("contentDetails").path("enableAutoStop").asBoolean()
                                && b.node().path("status").path("lifeCycleStatus").asText().equals("live")) {
                            setLifeCycle(b.node(), "complete");
                        }
                    }
                }
            });
        });
    }

    private static void setLifeCycle(ObjectNode b, String to) {
        ((ObjectNode) b.get("status")).put("lifeCycleStatus", to);
        ObjectNode snippet = (ObjectNode) b.get("snippet");
        if (to.equals("live")) snippet.put("actualStartTime", Instant.now().toString());
        if (to.equals("complete")) snippet.put("actualEndTime", Instant.now().toString());
    }

    private Optional<SimResources.Owned> streamByKey(String key) {
        return state.resources().all(STREAMS).stream()
                .filter(s -> key.equals(s.node().path("cdn").path("ingestionInfo").path("streamName").asText())).findFirst();
    }

    private List<SimResources.Owned> boundTo(SimResources.Owned stream) {
        String streamId = stream.node().path("id").asText();
        return state.resources().all(BROADCASTS).stream()
                .filter(b -> streamId.equals(b.node().path("contentDetails").path("boundStreamId").asText())).toList();
    }

    private Optional<ObjectNode> owned(RoutingContext rc, SimToken t, String kind, String id) {
        Optional<ObjectNode> found = state.resources().get(kind, id).filter(o -> o.ownerUserId().equals(t.user.id())).map(SimResources.Owned::node);
        if (found.isEmpty()) youtubeError(rc, 404, "liveBroadcastNotFound", "Broadcast not found");
        return found;
    }

    private static Optional<JsonNode> body(RoutingContext rc) {
        try {
            String s = rc.body() == null ? "" : rc.body().asString();
            return Optional.of(s == null || s.isBlank() ? Json.MAPPER.createObjectNode() : Json.read(s, JsonNode.class));
        } catch (RuntimeException e) {
            youtubeError(rc, 400, "parseError", "Parse Error");
            return Optional.empty();
        }
    }

    static void youtubeError(RoutingContext rc, int status, String reason, String message) {
        SimHttp.json(rc, status, Map.of("error", Map.of("code", status, "message", message,
                "errors", List.of(Map.of("message", message, "domain", "youtube.liveBroadcast", "reason", reason)))));
    }
}
