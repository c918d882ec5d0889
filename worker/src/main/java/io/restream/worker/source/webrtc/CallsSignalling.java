package io.restream.worker.source.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.worker.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloudflare Realtime (Calls), its real API: {@code POST {base}/sessions/new} gives our own
 * session; {@code POST …/sessions/{own}/tracks/new} with the publisher's tracks as
 * {@code location: "remote"} gives an offer ({@code requiresImmediateRenegotiation}); our answer
 * goes back with {@code PUT …/renegotiate}; {@code PUT …/tracks/close} with {@code force: true}
 * ends every mid we pulled. An unknown session or track comes back as HTTP 200 with a per-track
 * {@code errorCode} and no SDP: that fails the job with {@code source_unavailable}.
 */
final class CallsSignalling implements Signalling {
    private static final Logger log = LoggerFactory.getLogger(CallsSignalling.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final String publisherSessionId;
    private final List<String> trackNames;
    private final List<String> mids = new ArrayList<>();
    private volatile String ownSession;

    CallsSignalling(String base, String token, String publisherSessionId, List<String> trackNames) {
        this.base = base;
        this.token = token;
        this.publisherSessionId = publisherSessionId;
        this.trackNames = List.copyOf(trackNames);
    }

    @Override
    public void connect(PullProcess helper, long deadlineNanos) throws SourceException, InterruptedException {
        JsonNode session = call("POST", "/sessions/new", JSON.createObjectNode(), deadlineNanos, 201);
        ownSession = session.path("sessionId").asText(null);
        if (ownSession == null || ownSession.isBlank()) throw new SourceException("source_unavailable", "Cloudflare Realtime gave no session id");
        ObjectNode ask = JSON.createObjectNode();
        ArrayNode tracks = ask.putArray("tracks");
        for (String name : trackNames) {
            tracks.addObject().put("location", "remote").put("sessionId", publisherSessionId).put("trackName", name);
        }
        JsonNode got = call("POST", "/sessions/" + ownSession + "/tracks/new", ask, deadlineNanos, 200);
        List<String> errors = new ArrayList<>();
        for (JsonNode t : got.path("tracks")) {
            if (t.hasNonNull("errorCode")) {
                errors.add(t.path("trackName").asText("?") + ": " + t.path("errorCode").asText());
            } else if (t.hasNonNull("mid")) {
                synchronized (mids) {
                    mids.add(t.path("mid").asText());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new SourceException("source_unavailable", "Cloudflare Realtime refused the publisher's tracks (" + String.join(", ", errors) + ")");
        }
        JsonNode offer = got.path("sessionDescription");
        if (!got.path("requiresImmediateRenegotiation").asBoolean(false) || !"offer".equals(offer.path("type").asText())) {
            throw new SourceException("source_unavailable", "Cloudflare Realtime sent no offer for the publisher's tracks");
        }
        try {
            helper.send(helper.message("remote-offer").put("sdp", offer.path("sdp").asText()));
        } catch (IOException e) {
            throw new SourceException("source_unavailable", "the WebRTC receiver ended");
        }
        String answer = helper.await(Set.of("answer"), deadlineNanos).path("sdp").asText();
        ObjectNode renegotiate = JSON.createObjectNode();
        renegotiate.putObject("sessionDescription").put("type", "answer").put("sdp", answer);
        call("PUT", "/sessions/" + ownSession + "/renegotiate", renegotiate, deadlineNanos, 200);
    }

    @Override
    public void close() {
        List<String> pulled;
        synchronized (mids) {
            pulled = List.copyOf(mids);
            mids.clear();
        }
        if (ownSession == null || pulled.isEmpty()) return;
        ObjectNode body = JSON.createObjectNode().put("force", true);
        ArrayNode tracks = body.putArray("tracks");
        pulled.forEach(m -> tracks.addObject().put("mid", m));
        HttpRequest put = SignallingHttp.request(URI.create(base + "/sessions/" + ownSession + "/tracks/close"), token,
                        System.nanoTime() + 3_000_000_000L)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        int status = SignallingHttp.sendQuietly(put);
        if (status < 200 || status >= 300) log.warn("Cloudflare Realtime tracks/close answered {}", status);
    }

    private JsonNode call(String method, String path, ObjectNode body, long deadlineNanos, int expected)
            throws SourceException, InterruptedException {
        HttpRequest req = SignallingHttp.request(URI.create(base + path), token, deadlineNanos)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> res = SignallingHttp.send(req, "Cloudflare Realtime");
        // 200 and 201 are both success here; the API documents one, proxies sometimes change it
        if (res.statusCode() != expected && res.statusCode() / 100 != 2) {
            throw new SourceException("source_unavailable", "Cloudflare Realtime answered " + res.statusCode() + " to " + path.replaceAll("/sessions/[^/]+", "/sessions/…"));
        }
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new SourceException("source_unavailable", "Cloudflare Realtime sent a body that is not JSON");
        }
    }
}
