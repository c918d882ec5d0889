package io.restream.worker.source.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.net.Redact;
import io.restream.worker.source.SourceException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHEP (draft-ietf-wish-whep): {@code POST} a recvonly offer as {@code application/sdp}, take the
 * {@code 201} answer and its {@code Location} (resolved against the POST URL: it is usually
 * relative), {@code DELETE} that resource at the end. The bearer token goes with the POST and
 * with the DELETE, the latter only when the resource is on the endpoint's own origin.
 */
final class WhepSignalling implements Signalling {
    private static final Logger log = LoggerFactory.getLogger(WhepSignalling.class);

    private final URI endpoint;
    private final String token;
    private final boolean audio;
    private volatile URI resource;

    WhepSignalling(String endpoint, String token, boolean audio) {
        this.endpoint = URI.create(endpoint);
        this.token = token;
        this.audio = audio;
    }

    @Override
    public void connect(PullProcess helper, long deadlineNanos) throws SourceException, InterruptedException {
        try {
            helper.send(helper.message("offer").put("audio", audio));
        } catch (java.io.IOException e) {
            throw new SourceException("source_unavailable", "the WebRTC receiver did not start");
        }
        String offer = helper.await(Set.of("offer"), deadlineNanos).path("sdp").asText();
        HttpRequest post = SignallingHttp.request(endpoint, token, deadlineNanos)
                .header("Content-Type", "application/sdp").header("Accept", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer)).build();
        HttpResponse<String> res = SignallingHttp.send(post, "the WHEP endpoint");
        String location = res.headers().firstValue("Location").orElse(null);
        if (location != null) resource = endpoint.resolve(location); // opened: it gets its DELETE whatever follows
        if (res.statusCode() != 201 && res.statusCode() != 200) {
            throw new SourceException("source_unavailable", "the WHEP endpoint answered " + res.statusCode());
        }
        if (!res.body().startsWith("v=")) throw new SourceException("source_unavailable", "the WHEP endpoint sent no SDP answer");
        if (resource == null) log.warn("WHEP answer from {} has no Location; the session cannot be ended there", Redact.url(endpoint.toString()));
        try {
            helper.send(helper.message("answer").put("sdp", res.body()));
        } catch (java.io.IOException e) {
            throw new SourceException("source_unavailable", "the WebRTC receiver ended");
        }
        JsonNode ok = helper.await(Set.of("ok"), deadlineNanos);
        Objects.requireNonNull(ok);
    }

    @Override
    public void close() {
        URI r = resource;
        resource = null;
        if (r == null) return;
        boolean sameOrigin = Objects.equals(r.getScheme(), endpoint.getScheme()) && Objects.equals(r.getAuthority(), endpoint.getAuthority());
        HttpRequest delete = SignallingHttp.request(r, sameOrigin ? token : null, System.nanoTime() + 3_000_000_000L).DELETE().build();
        int status = SignallingHttp.sendQuietly(delete);
        if (status < 200 || status >= 300) log.warn("WHEP DELETE {} answered {}", Redact.url(r.toString()), status);
    }
}
