package io.restream.platforms.youtube;

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
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Going live on YouTube: one reusable {@code liveStream} per connection (created once, its id kept
 * with the connection), per job a {@code liveBroadcast} with auto start and stop, bound to that
 * stream; on stop the broadcast is transitioned to {@code complete}. Pushes to the stream's RTMPS
 * ingestion address.
 */
public final class YouTubeBroadcast implements BroadcastSetup {
    private static final Logger log = LoggerFactory.getLogger(YouTubeBroadcast.class);
    static final String STREAM_ID = "youtubeStreamId";

    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;

    YouTubeBroadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public IngestTarget start(StoredConnection connection, JobContext job) throws PlatformException {
        return tokens.call(job.user(), connection, c -> {
            String token = c.secrets().accessToken();
            JsonNode stream = reusableStream(job, c, token);
            JsonNode broadcast = Replies.require(http.postJson(api("/liveBroadcasts?part=snippet,status,contentDetails"), PlatformHttp.bearer(token), Map.of(
                    "snippet", snippet(job),
                    "status", Map.of("privacyStatus", "public", "selfDeclaredMadeForKids", false),
                    "contentDetails", Map.of("enableAutoStart", true, "enableAutoStop", true, "latencyPreference", "normal"))),
                    "creating the YouTube broadcast");
            String broadcastId = Replies.text(broadcast.path("id"), "YouTube broadcast id");
            String streamId = stream.path("id").asText();
            Replies.require(http.postJson(api("/liveBroadcasts/bind?id=" + PlatformHttp.q(broadcastId) + "&part=id,contentDetails&streamId="
                    + PlatformHttp.q(streamId)), PlatformHttp.bearer(token), Map.of()), "binding the YouTube broadcast");
            JsonNode info = stream.path("cdn").path("ingestionInfo");
            String address = info.path("rtmpsIngestionAddress").asText(info.path("ingestionAddress").asText(""));
            String key = Replies.text(info.path("streamName"), "YouTube stream name");
            if (address.isEmpty()) throw new PlatformException("platform_error", "the YouTube stream has no ingestion address");
            log.info("job {}: YouTube broadcast {} bound to stream {}", job.jobId(), broadcastId, streamId);
            return new IngestTarget(Secret.of(address + "/" + key), "https://www.youtube.com/watch?v=" + broadcastId, broadcastId);
        });
    }

    @Override
    public void end(StoredConnection connection, JobContext job, IngestTarget target) {
        if (target == null || target.broadcastId() == null) return;
        try {
            tokens.call(job.user(), connection, c -> Replies.require(http.postJson(api("/liveBroadcasts/transition?broadcastStatus=complete&id="
                    + PlatformHttp.q(target.broadcastId()) + "&part=status"), PlatformHttp.bearer(c.secrets().accessToken()), Map.of()),
                    "completing the YouTube broadcast"));
            log.info("job {}: YouTube broadcast {} completed", job.jobId(), target.broadcastId());
        } catch (PlatformException e) {
            log.warn("job {}: YouTube broadcast {} not completed: {}", job.jobId(), target.broadcastId(), e.getMessage());
        }
    }

    /** The connection's reusable stream, created on first use and remembered. */
    private JsonNode reusableStream(JobContext job, StoredConnection c, String token) throws PlatformException {
        String known = c.secrets().extra().get(STREAM_ID);
        if (known != null) {
            JsonNode found = Replies.require(http.get(api("/liveStreams?part=id,snippet,cdn,status&id=" + PlatformHttp.q(known)), PlatformHttp.bearer(token)),
                    "reading the YouTube stream").path("items").path(0);
            if (!found.isMissingNode()) return found;
        }
        JsonNode created = Replies.require(http.postJson(api("/liveStreams?part=snippet,cdn,contentDetails,status"), PlatformHttp.bearer(token), Map.of(
                "snippet", Map.of("title", "Restream"),
                "cdn", Map.of("ingestionType", "rtmp", "resolution", "variable", "frameRate", "variable"),
                "contentDetails", Map.of("isReusable", true))), "creating the YouTube stream");
        tokens.saveExtra(job.user(), c, Map.of(STREAM_ID, Replies.text(created.path("id"), "YouTube stream id")));
        return created;
    }

    /** The job's title and description, else "Live now" (YouTube requires a title). */
    private static Map<String, Object> snippet(JobContext job) {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("title", job.text().title() != null ? YouTubeMetadata.fit(job.text().title()) : "Live now");
        if (job.text().description() != null) s.put("description", job.text().description());
        s.put("scheduledStartTime", Instant.now().toString());
        return s;
    }

    private String api(String path) {
        return endpoints.apiUrl() + path;
    }
}
