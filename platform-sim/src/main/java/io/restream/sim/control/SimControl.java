package io.restream.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.sim.SimHttp;
import io.restream.sim.api.FacebookApiSim;
import io.restream.sim.api.YouTubeApiSim;
import io.restream.sim.ingest.IngestStream;
import io.restream.sim.ingest.Ingests;
import io.restream.sim.ingest.Snapshots;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimResources;
import io.restream.sim.state.SimState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's control API (docs/DESIGN.md §6), for tests and for people trying the demo:
 *
 * <pre>
 * GET  /sim/{platform}/streams                         ingest sessions and what arrived
 * GET  /sim/{platform}/streams/{streamKey}/snapshot.png the latest decoded frame
 * POST /sim/{platform}/ingest/drop                     cut the live ingest connections
 * POST /sim/{platform}/tokens/revoke                   revoke every token (refresh then fails)
 * POST /sim/{platform}/tokens/expire                   expire every access token now
 * PUT  /sim/{platform}/tokens  { accessTtlSeconds }    lifetime of access tokens issued from now on
 * GET  /sim/{platform}/tokens                          { refreshes, revocations, validations, accessTtlSeconds }
 * GET|PUT /sim/consent { autoApprove, login }          skip the consent pages, as whom
 * GET  /sim/youtube/liveBroadcasts, /sim/youtube/liveStreams, /sim/facebook/live_videos
 * </pre>
 */
public final class SimControl {
    private static final Set<String> INGEST_PLATFORMS = Set.of("twitch", "youtube", "kick", "facebook", "instagram");

    private final SimState state;
    private final Ingests ingests;

    public SimControl(SimState state, Ingests ingests) {
        this.state = state;
        this.ingests = ingests;
    }

    public void mount(Router router) {
        router.get("/sim/consent").handler(rc -> SimHttp.json(rc, 200, consent()));
        router.put("/sim/consent").handler(this::onConsent);
        router.get("/sim/youtube/liveBroadcasts").handler(rc -> SimHttp.json(rc, 200, nodes(YouTubeApiSim.BROADCASTS)));
        router.get("/sim/youtube/liveStreams").handler(rc -> SimHttp.json(rc, 200, nodes(YouTubeApiSim.STREAMS)));
        router.get("/sim/facebook/live_videos").handler(rc -> SimHttp.json(rc, 200, nodes(FacebookApiSim.LIVE_VIDEOS)));
        router.get("/sim/:platform/streams").handler(rc -> ingestPlatform(rc, p ->
                SimHttp.json(rc, 200, ingests.streams(p).stream().map(IngestStream::describe).toList())));
        router.get("/sim/:platform/streams/:key/snapshot.png").handler(this::onSnapshot);
        router.post("/sim/:platform/ingest/drop").handler(rc -> ingestPlatform(rc, p ->
                SimHttp.json(rc, 200, Map.of("dropped", ingests.drop(p)))));
        router.post("/sim/:platform/tokens/revoke").handler(rc -> oauthPlatform(rc, p ->
                SimHttp.json(rc, 200, Map.of("revoked", p.revokeAll()))));
        router.post("/sim/:platform/tokens/expire").handler(rc -> oauthPlatform(rc, p ->
                SimHttp.json(rc, 200, Map.of("expired", p.expireAll()))));
        router.get("/sim/:platform/tokens").handler(rc -> oauthPlatform(rc, p -> SimHttp.json(rc, 200, tokens(p))));
        router.put("/sim/:platform/tokens").handler(rc -> oauthPlatform(rc, p -> {
            JsonNode body = body(rc);
            long ttl = body.path("accessTtlSeconds").asLong(0);
            if (ttl < 1) {
                SimHttp.json(rc, 400, Map.of("error", "accessTtlSeconds must be at least 1"));
                return;
            }
            p.accessTtl(Duration.ofSeconds(ttl));
            SimHttp.json(rc, 200, tokens(p));
        }));
    }

    private void onConsent(RoutingContext rc) {
        JsonNode body = body(rc);
        if (body.has("autoApprove")) state.autoApprove(body.get("autoApprove").asBoolean());
        if (body.hasNonNull("login") && body.get("login").asText().matches("[A-Za-z0-9_]{1,25}")) {
            state.autoApproveLogin(body.get("login").asText());
        }
        SimHttp.json(rc, 200, consent());
    }

    private void onSnapshot(RoutingContext rc) {
        ingestPlatform(rc, p -> {
            IngestStream s = ingests.latest(p, rc.pathParam("key")).orElse(null);
            if (s == null) {
                SimHttp.json(rc, 404, Map.of("error", "no such stream"));
                return;
            }
            rc.vertx().<byte[]>executeBlocking(() -> Snapshots.png(s)).onComplete(ar -> {
                if (ar.succeeded() && ar.result() != null) {
                    rc.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", "no-store")
                            .end(io.vertx.core.buffer.Buffer.buffer(ar.result()));
                } else {
                    SimHttp.json(rc, 409, Map.of("error", "no decodable frame yet"));
                }
            });
        });
    }

    private Map<String, Object> consent() {
        return Map.of("autoApprove", state.autoApprove(), "login", state.autoApproveLogin());
    }

    private static Map<String, Object> tokens(SimPlatform p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("refreshes", p.refreshes());
        m.put("revocations", p.revocations());
        m.put("validations", p.validations());
        m.put("accessTtlSeconds", p.accessTtl().toSeconds());
        return m;
    }

    private java.util.List<JsonNode> nodes(String kind) {
        return state.resources().all(kind).stream().map(SimResources.Owned::node).map(n -> {
            synchronized (n) { return (JsonNode) n.deepCopy(); }
        }).toList();
    }

    private void ingestPlatform(RoutingContext rc, java.util.function.Consumer<String> action) {
        String p = rc.pathParam("platform");
        if (!INGEST_PLATFORMS.contains(p)) {
            rc.next();
            return;
        }
        action.accept(p);
    }

    private void oauthPlatform(RoutingContext rc, java.util.function.Consumer<SimPlatform> action) {
        SimPlatform p = state.platform(rc.pathParam("platform"));
        if (p == null) {
            rc.next();
            return;
        }
        action.accept(p);
    }

    private static JsonNode body(RoutingContext rc) {
        try {
            String s = rc.body() == null ? null : rc.body().asString();
            return s == null || s.isBlank() ? Json.MAPPER.createObjectNode() : Json.read(s, JsonNode.class);
        } catch (RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
