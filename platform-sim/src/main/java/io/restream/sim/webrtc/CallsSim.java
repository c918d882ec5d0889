package io.restream.sim.webrtc;

import io.restream.sim.SimHttp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cloudflare Realtime (Calls) at its real paths, {@code /v1/apps/{appId}/sessions/…}, for pulling
 * the simulated publishers (sessions {@code webrtc-…}, tracks {@code video} and {@code audio}):
 * <pre>
 *   POST /v1/apps/{app}/sessions/new                  → 201 { sessionId }
 *   POST /v1/apps/{app}/sessions/{own}/tracks/new      { tracks: [{ location: "remote", sessionId, trackName }] }
 *        → 200 { requiresImmediateRenegotiation: true, tracks: [{ trackName, sessionId, mid }], sessionDescription: offer }
 *        an unknown session or track → 200 { requiresImmediateRenegotiation: false, tracks: [{ …, errorCode: "not_found_track_error" }] }
 *   PUT  /v1/apps/{app}/sessions/{own}/renegotiate     { sessionDescription: answer } → 200 {}
 *   PUT  /v1/apps/{app}/sessions/{own}/tracks/close    { tracks: [{ mid }], force } → 200
 *   GET  /v1/apps/{app}/sessions/{own}                 → 200 { tracks: [{ mid, trackName, status }] }
 * </pre>
 * One {@code tracks/new} per session (what a receiver needs); any app id and token are accepted.
 */
public final class CallsSim {
    private static final String BASE = "/v1/apps/:app/sessions";

    private final Vertx vertx;
    private final WebRtcPublishers publishers;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** Our side of one receiver's session: its peer (once tracks were asked for) and mid → track name. */
    private static final class Session {
        volatile String peer;
        final Map<String, String> tracks = new LinkedHashMap<>();
    }

    public CallsSim(Vertx vertx, WebRtcPublishers publishers) {
        this.vertx = vertx;
        this.publishers = publishers;
    }

    public void mount(Router router) {
        router.post(BASE + "/new").handler(this::newSession);
        router.post(BASE + "/:sid/tracks/new").handler(this::newTracks);
        router.put(BASE + "/:sid/renegotiate").handler(this::renegotiate);
        router.put(BASE + "/:sid/tracks/close").handler(this::closeTracks);
        router.get(BASE + "/:sid").handler(this::get);
    }

    private void newSession(RoutingContext rc) {
        String id = UUID.randomUUID().toString().replace("-", "");
        sessions.put(id, new Session());
        SimHttp.json(rc, 201, Map.of("sessionId", id));
    }

    private void newTracks(RoutingContext rc) {
        Session s = sessions.get(rc.pathParam("sid"));
        JsonObject body = body(rc);
        if (s == null || body == null) {
            SimHttp.json(rc, s == null ? 404 : 400, Map.of("errorCode", s == null ? "session_error" : "invalid_request_body"));
            return;
        }
        if (s.peer != null) {
            SimHttp.json(rc, 400, Map.of("errorCode", "invalid_request", "errorDescription", "the simulator takes one tracks/new per session"));
            return;
        }
        JsonArray asked = body.getJsonArray("tracks", new JsonArray());
        List<Map<String, Object>> errors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String publisher = null;
        for (int i = 0; i < asked.size(); i++) {
            JsonObject t = asked.getJsonObject(i);
            String name = t.getString("trackName");
            publisher = t.getString("sessionId");
            boolean known = "remote".equals(t.getString("location")) && WebRtcPublishers.isLive(publisher)
                    && WebRtcPublishers.TRACKS.contains(name) && !names.contains(name);
            if (known) {
                names.add(name);
            } else {
                errors.add(Map.of("trackName", String.valueOf(name), "sessionId", String.valueOf(publisher),
                        "errorCode", "not_found_track_error", "errorDescription", "no such track in that session"));
            }
        }
        if (!errors.isEmpty() || names.isEmpty()) {
            SimHttp.json(rc, 200, Map.of("requiresImmediateRenegotiation", false, "tracks", errors));
            return;
        }
        String pub = publisher;
        String auth = rc.request().getHeader("Authorization");
        vertx.executeBlocking(() -> {
            PublisherPeer peer = publishers.newPeer();
            String peerId = publishers.add(peer);
            if (peerId == null) {
                peer.close();
                return null;
            }
            try {
                PublisherPeer.Offer offer = peer.offer(names);
                s.peer = peerId;
                synchronized (s.tracks) {
                    for (int i = 0; i < names.size(); i++) s.tracks.put(offer.mids().get(i), names.get(i));
                }
                publishers.opened(new WebRtcPublishers.Opened("calls", pub, auth, names));
                return offer;
            } catch (Exception e) {
                publishers.close(peerId);
                throw e;
            }
        }, false).onComplete(ar -> {
            if (ar.failed() || ar.result() == null) {
                SimHttp.json(rc, 503, Map.of("errorCode", "internal_error", "errorDescription", ar.failed() ? ar.cause().getMessage() : "too many receivers"));
                return;
            }
            List<Map<String, Object>> tracks = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                tracks.add(Map.of("trackName", names.get(i), "sessionId", pub, "mid", ar.result().mids().get(i)));
            }
            SimHttp.json(rc, 200, Map.of("requiresImmediateRenegotiation", true, "tracks", tracks,
                    "sessionDescription", Map.of("type", "offer", "sdp", ar.result().sdp())));
        });
    }

    private void renegotiate(RoutingContext rc) {
        Session s = sessions.get(rc.pathParam("sid"));
        JsonObject body = body(rc);
        JsonObject desc = body == null ? null : body.getJsonObject("sessionDescription");
        PublisherPeer peer = s == null || s.peer == null ? null : publishers.peer(s.peer);
        if (peer == null || desc == null || !"answer".equals(desc.getString("type"))) {
            SimHttp.json(rc, peer == null ? 404 : 400, Map.of("errorCode", peer == null ? "session_error" : "invalid_request_body"));
            return;
        }
        vertx.executeBlocking(() -> {
            peer.accept(desc.getString("sdp"));
            return true;
        }, false).onComplete(ar -> {
            if (ar.failed()) SimHttp.json(rc, 400, Map.of("errorCode", "invalid_sdp", "errorDescription", ar.cause().getMessage()));
            else SimHttp.json(rc, 200, Map.of());
        });
    }

    private void closeTracks(RoutingContext rc) {
        Session s = sessions.get(rc.pathParam("sid"));
        JsonObject body = body(rc);
        if (s == null || body == null) {
            SimHttp.json(rc, s == null ? 404 : 400, Map.of("errorCode", s == null ? "session_error" : "invalid_request_body"));
            return;
        }
        List<String> mids = new ArrayList<>();
        JsonArray asked = body.getJsonArray("tracks", new JsonArray());
        for (int i = 0; i < asked.size(); i++) mids.add(asked.getJsonObject(i).getString("mid"));
        boolean empty;
        synchronized (s.tracks) {
            mids.forEach(s.tracks::remove);
            empty = s.tracks.isEmpty();
        }
        publishers.ended(new WebRtcPublishers.End("calls-close", rc.pathParam("sid"), mids, body.getBoolean("force", false),
                rc.request().getHeader("Authorization")));
        String peer = s.peer;
        if (!empty || peer == null) {
            SimHttp.json(rc, 200, Map.of("requiresImmediateRenegotiation", false, "tracks", mids.stream().map(m -> Map.of("mid", m)).toList()));
            return;
        }
        vertx.executeBlocking(() -> publishers.close(peer), false).onComplete(ar -> SimHttp.json(rc, 200,
                Map.of("requiresImmediateRenegotiation", false, "tracks", mids.stream().map(m -> Map.of("mid", m)).toList())));
    }

    private void get(RoutingContext rc) {
        Session s = sessions.get(rc.pathParam("sid"));
        if (s == null) {
            SimHttp.json(rc, 404, Map.of("errorCode", "session_error"));
            return;
        }
        List<Map<String, Object>> tracks = new ArrayList<>();
        synchronized (s.tracks) {
            s.tracks.forEach((mid, name) -> tracks.add(Map.of("mid", mid, "trackName", name, "location", "remote", "status", "active")));
        }
        SimHttp.json(rc, 200, Map.of("tracks", tracks));
    }

    private static JsonObject body(RoutingContext rc) {
        try {
            return rc.body().asJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
