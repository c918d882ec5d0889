package io.restream.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.sim.SimHttp;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimResources;
import io.restream.sim.state.SimState;
import io.restream.sim.state.SimToken;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * The Graph API at {@code /facebook/graph/{version}}: {@code GET /me}, {@code POST /{id}/live_videos}
 * (a new RTMPS stream URL per live video), {@code GET /{live-video-id}}, {@code POST /{live-video-id}} (title, description) and
 * {@code POST /{live-video-id}?end_live_video=true}. Status goes {@code LIVE_NOW} → {@code LIVE}
 * when the ingest starts → {@code VOD} when ended.
 */
public final class FacebookApiSim implements IngestListener {
    public static final String LIVE_VIDEOS = "facebook#LiveVideo";
    private static final String BASE = "/facebook/graph/:version";

    private final SimState state;
    private final SimPlatform p;
    private final IngestAddresses ingest;

    public FacebookApiSim(SimState state, IngestAddresses ingest) {
        this.state = state;
        this.p = state.platform("facebook");
        this.ingest = ingest;
    }

    public void mount(Router router) {
        router.get(BASE + "/me").handler(this::onMe);
        router.post(BASE + "/:owner/live_videos").handler(this::onCreateLiveVideo);
        router.get(BASE + "/:id").handler(this::onGet);
        router.post(BASE + "/:id").handler(this::onUpdate);
    }

    private void onMe(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            ObjectNode me = Json.MAPPER.createObjectNode().put("id", t.user.id()).put("name", t.user.displayName());
            me.putObject("picture").putObject("data").put("height", 50).put("width", 50).put("is_silhouette", true)
                    .put("url", "https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=" + t.user.id());
            SimHttp.json(rc, 200, me);
        });
    }

    private void onCreateLiveVideo(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> {
            String owner = rc.pathParam("owner");
            if (!owner.equals("me") && !owner.equals(t.user.id())) {
                graphError(rc, 403, 200, "(#200) Permissions error");
                return;
            }
            if (!ApiAuth.hasScope(t, "publish_video")) {
                graphError(rc, 403, 200, "(#200) Requires publish_video permission");
                return;
            }
            String id = Long.toString(100_000_000_000L + (System.nanoTime() & 0xFFFFFFFFL));
            String key = "FB-" + id + "-0-" + Tokens.random(40);
            String status = "LIVE_NOW".equals(SimHttp.param(rc, "status")) ? "LIVE_NOW" : "UNPUBLISHED";
            ObjectNode v = Json.MAPPER.createObjectNode().put("id", id).put("status", status)
                    .put("title", SimHttp.param(rc, "title") == null ? "" : SimHttp.param(rc, "title"))
                    .put("description", SimHttp.param(rc, "description") == null ? "" : SimHttp.param(rc, "description"))
                    .put("stream_url", ingest.rtmp("rtmp") + "/" + key)
                    .put("secure_stream_url", ingest.rtmps("rtmp") + "/" + key)
                    .put("permalink_url", "/" + t.user.id() + "/videos/" + id + "/")
                    .put("stream_key", key);
            v.putObject("video").put("id", id);
            state.resources().put(LIVE_VIDEOS, id, t.user.id(), v);
            state.registerStreamKey(key, "facebook", t.user.id());
            ObjectNode out = Json.MAPPER.createObjectNode().put("id", id)
                    .put("stream_url", v.get("stream_url").asText()).put("secure_stream_url", v.get("secure_stream_url").asText());
            out.putArray("stream_secondary_urls");
            out.putArray("secure_stream_secondary_urls");
            SimHttp.json(rc, 200, out);
        });
    }

    private void onGet(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> owned(rc, t).ifPresent(v -> {
            ObjectNode copy;
            synchronized (v) { copy = v.deepCopy(); }
            copy.remove("stream_key");
            SimHttp.json(rc, 200, copy);
        }));
    }

    private void onUpdate(RoutingContext rc) {
        ApiAuth.require(rc, p).ifPresent(t -> owned(rc, t).ifPresent(v -> {
            synchronized (v) {
                if ("true".equals(SimHttp.param(rc, "end_live_video"))) v.put("status", "VOD").put("ended_by_app", true);
                if (SimHttp.param(rc, "title") != null) v.put("title", SimHttp.param(rc, "title"));
                if (SimHttp.param(rc, "description") != null) v.put("description", SimHttp.param(rc, "description"));
            }
            SimHttp.json(rc, 200, Map.of("id", v.path("id").asText()));
        }));
    }

    @Override
    public void published(String platform, String streamKey) {
        byKey(streamKey).ifPresent(v -> { synchronized (v) { if (v.path("status").asText().equals("LIVE_NOW")) v.put("status", "LIVE"); } });
    }

    @Override
    public void unpublished(String platform, String streamKey) {
        // Facebook keeps the live video LIVE for a while after the stream stops; only the app (or a timeout) ends it.
    }

    private Optional<ObjectNode> byKey(String key) {
        return state.resources().all(LIVE_VIDEOS).stream().map(SimResources.Owned::node)
                .filter(v -> key.equals(v.path("stream_key").asText())).findFirst();
    }

    private Optional<ObjectNode> owned(RoutingContext rc, SimToken t) {
        Optional<ObjectNode> v = state.resources().get(LIVE_VIDEOS, rc.pathParam("id"))
                .filter(o -> o.ownerUserId().equals(t.user.id())).map(SimResources.Owned::node);
        if (v.isEmpty()) graphError(rc, 400, 100, "Unsupported get request. Object with ID '" + rc.pathParam("id") + "' does not exist");
        return v;
    }

    static void graphError(RoutingContext rc, int status, int code, String message) {
        SimHttp.json(rc, status, Map.of("error", Map.of("message", message, "type", "OAuthException", "code", code, "fbtrace_id", "SimTrace")));
    }
}
