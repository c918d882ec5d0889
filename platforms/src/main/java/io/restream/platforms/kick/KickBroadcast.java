package io.restream.platforms.kick;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.connections.StoredConnection;
import io.restream.core.crypto.Secret;
import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.port.IngestTarget;
import io.restream.platforms.port.JobContext;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.support.Replies;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.TokenKeeper;
import java.net.URI;

/**
 * Going live on Kick: the channel's RTMPS {@code stream.url} and {@code stream.key} from
 * {@code GET public/v1/channels} (scope {@code streamkey:read}); push to {@code <url>:443/app/<key>}.
 * The job's title becomes the channel's stream title ({@link KickMetadata}). Kick has no broadcast
 * object to create or end.
 */
public final class KickBroadcast implements BroadcastSetup {
    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;
    private final KickMetadata metadata;

    KickBroadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens, KickMetadata metadata) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
        this.metadata = metadata;
    }

    @Override
    public IngestTarget start(StoredConnection connection, JobContext job) throws PlatformException {
        JsonNode channel = tokens.call(job.user(), connection, c -> Replies.require(http.get(endpoints.apiUrl() + "/public/v1/channels",
                PlatformHttp.bearer(c.secrets().accessToken())), "reading the Kick channel").path("data").path(0));
        String url = Replies.text(channel.path("stream").path("url"), "Kick ingest URL");
        String key = channel.path("stream").path("key").asText("");
        if (key.isEmpty()) throw new PlatformException("needs_reconnect", "Kick did not reveal the stream key: reconnect kick (scope streamkey:read)");
        if (job.text().title() != null) {
            try {
                metadata.apply(job.user(), connection, null, job.text());
                job.refusals().report(connection.connection().id(), null);
            } catch (PlatformException e) {
                job.refusals().report(connection.connection().id(), e); // the push goes ahead under the old title
            }
        }
        String slug = channel.path("slug").asText(connection.secrets().extra().getOrDefault("slug", connection.connection().platformUsername()));
        return new IngestTarget(Secret.of(pushUrl(url, key)), "https://kick.com/" + slug, null);
    }

    /** {@code rtmps://host} → {@code rtmps://host:443/app/<key>}; an explicit port is kept. */
    static String pushUrl(String url, String key) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI u = URI.create(base);
        if (u.getPort() < 0) base = base.replaceFirst("^(rtmps?://[^/]+)", "$1:443");
        return base + "/app/" + key;
    }
}
