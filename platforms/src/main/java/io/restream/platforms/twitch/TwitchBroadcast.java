package io.restream.platforms.twitch;

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
import java.util.Map;

/**
 * Going live on Twitch: the stream key from {@code GET helix/streams/key}, the ingest from the
 * ingest list's default {@code url_template} ({@code rtmp://live.twitch.tv/app/{stream_key}} when
 * the list cannot be read); the job's title set on the channel ({@link TwitchMetadata}). Twitch has no
 * broadcast object to create or end.
 */
public final class TwitchBroadcast implements BroadcastSetup {
    static final String FALLBACK_TEMPLATE = "rtmp://live.twitch.tv/app/{stream_key}";

    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;
    private final TwitchMetadata metadata;

    TwitchBroadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens, TwitchMetadata metadata) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
        this.metadata = metadata;
    }

    @Override
    public IngestTarget start(StoredConnection connection, JobContext job) throws PlatformException {
        String broadcasterId = connection.connection().platformUserId();
        String key = tokens.call(job.user(), connection, c -> Replies.text(Replies.require(
                http.get(endpoints.apiUrl() + "/streams/key?broadcaster_id=" + PlatformHttp.q(broadcasterId), TwitchOAuth.helixHeaders(endpoints, c.secrets().accessToken())),
                "reading the Twitch stream key").path("data").path(0).path("stream_key"), "Twitch stream key"));
        String login = connection.secrets().extra().getOrDefault("login", connection.connection().platformUsername());
        if (job.text().title() != null) {
            try {
                metadata.apply(job.user(), connection, null, job.text());
                job.refusals().report(connection.connection().id(), null);
            } catch (PlatformException e) {
                job.refusals().report(connection.connection().id(), e); // the push goes ahead under the old title
            }
        }
        return new IngestTarget(Secret.of(ingestTemplate().replace("{stream_key}", key)), "https://www.twitch.tv/" + login, null);
    }

    private String ingestTemplate() {
        try {
            PlatformHttp.Reply r = http.get(endpoints.more("ingest_list"), Map.of());
            if (r.ok()) {
                JsonNode ingests = r.body().path("ingests");
                for (JsonNode i : ingests) {
                    if (i.path("default").asBoolean()) return i.path("url_template").asText(FALLBACK_TEMPLATE);
                }
                if (ingests.size() > 0) return ingests.get(0).path("url_template").asText(FALLBACK_TEMPLATE);
            }
        } catch (PlatformException e) {
            // the well-known ingest is always there
        }
        return FALLBACK_TEMPLATE;
    }
}
