package io.restream.platforms.facebook;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Going live on Facebook: per job {@code POST /{user-id}/live_videos?status=LIVE_NOW}, pushing to
 * its {@code secure_stream_url} (RTMPS, a new key every time); on stop
 * {@code POST /{live-video-id}?end_live_video=true}.
 */
public final class FacebookBroadcast implements BroadcastSetup {
    private static final Logger log = LoggerFactory.getLogger(FacebookBroadcast.class);

    private final PlatformEndpoints endpoints;
    private final PlatformHttp http;
    private final TokenKeeper tokens;

    FacebookBroadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        this.endpoints = endpoints;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public IngestTarget start(StoredConnection connection, JobContext job) throws PlatformException {
        String owner = connection.connection().platformUserId();
        JsonNode video = tokens.call(job.user(), connection, c -> Replies.require(http.postForm(
                endpoints.apiUrl() + "/" + PlatformHttp.q(owner) + "/live_videos", PlatformHttp.bearer(c.secrets().accessToken()),
                fields(job)), "creating the Facebook live video"));
        String id = Replies.text(video.path("id"), "Facebook live video id");
        String url = Replies.text(video.path("secure_stream_url"), "Facebook secure stream URL");
        log.info("job {}: Facebook live video {} created", job.jobId(), id);
        return new IngestTarget(Secret.of(url), "https://www.facebook.com/" + id, id);
    }

    /** The job's title and description are set at creation ("Live now" without a title). */
    private static Map<String, String> fields(JobContext job) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("status", "LIVE_NOW");
        f.put("title", job.text().title() != null ? job.text().title() : "Live now");
        if (job.text().description() != null) f.put("description", job.text().description());
        return f;
    }

    @Override
    public void end(StoredConnection connection, JobContext job, IngestTarget target) {
        if (target == null || target.broadcastId() == null) return;
        try {
            tokens.call(job.user(), connection, c -> Replies.require(http.postForm(endpoints.apiUrl() + "/" + PlatformHttp.q(target.broadcastId()),
                    PlatformHttp.bearer(c.secrets().accessToken()), Map.of("end_live_video", "true")), "ending the Facebook live video"));
            log.info("job {}: Facebook live video {} ended", job.jobId(), target.broadcastId());
        } catch (PlatformException e) {
            log.warn("job {}: Facebook live video {} not ended: {}", job.jobId(), target.broadcastId(), e.getMessage());
        }
    }
}
