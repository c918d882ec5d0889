package io.restream.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.restream.sdk.Model.Comment;
import io.restream.sdk.Model.Connection;
import io.restream.sdk.Model.GoLive;
import io.restream.sdk.Model.Job;
import io.restream.sdk.Model.Overlay;
import io.restream.sdk.Model.SendResult;
import io.restream.sdk.Model.Viewers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java client of Restream, for one user: connect destinations, go live, change banners while
 * live, follow chat and viewers, send chat. Calls block and throw {@link RestreamException} with
 * the API's error code. Thread-safe; create one per user and credential.
 *
 * <pre>{@code
 * RestreamStudio studio = RestreamStudio.create(RestreamOptions.builder(URI.create("https://restream.example.com"))
 *         .sessionToken(() -> myBackend.tokenFor(userId)).build());
 * Job job = studio.goLive(GoLive.to("session-42", List.of("twitch", "custom:my-rtmp")));
 * try (EventStream events = studio.events(new RestreamListener.Adapter() {
 *     public void onComment(Comment c) { System.out.println(c.author() + ": " + c.message()); }
 * })) { ... }
 * }</pre>
 */
public final class RestreamStudio {
    private static final TypeReference<List<Connection>> CONNECTIONS = new TypeReference<>() {};
    private static final TypeReference<List<Comment>> COMMENTS = new TypeReference<>() {};
    private static final TypeReference<List<SendResult>> RESULTS = new TypeReference<>() {};

    private final RestreamOptions options;
    private final Transport transport;

    private RestreamStudio(RestreamOptions options) {
        this.options = options;
        this.transport = new Transport(options);
    }

    public static RestreamStudio create(RestreamOptions options) {
        return new RestreamStudio(options);
    }

    public List<Connection> connections() {
        return Transport.JSON.convertValue(transport.sendForJson("GET", "/api/v1/connections", null), CONNECTIONS);
    }

    /** Connects (or replaces) {@code custom:<name>}: any RTMP/RTMPS server. */
    public Connection connectCustom(String name, String url, String streamKey) {
        return transport.send("POST", "/api/v1/connections/custom", Map.of("name", name, "url", url, "streamKey", streamKey), Connection.class);
    }

    /** Connects Instagram with the RTMPS URL and key the streamer pasted from instagram.com. */
    public Connection connectInstagram(String username, String url, String streamKey) {
        Map<String, String> body = new LinkedHashMap<>();
        if (username != null) body.put("username", username);
        body.put("url", url);
        body.put("streamKey", streamKey);
        return transport.send("POST", "/api/v1/connections/instagram", body, Connection.class);
    }

    /** The single-use URL (open it in a popup/browser) that connects an OAuth platform. */
    public String authorizeUrl(String platform) {
        return transport.sendForJson("POST", "/api/v1/connections/" + path(platform) + "/authorize", null).path("authorizeUrl").asText();
    }

    public void disconnect(String connectionId) {
        transport.send("DELETE", "/api/v1/connections/" + path(connectionId), null, Void.class);
    }

    /** Starts a job; a job already active for this user is superseded. */
    public Job goLive(GoLive request) {
        return transport.send("POST", "/api/v1/jobs", request, Job.class);
    }

    /** The user's newest job, active or not; empty when there is none yet. */
    public Optional<Job> currentJob() {
        try {
            return Optional.of(transport.send("GET", "/api/v1/jobs/current", null, Job.class));
        } catch (RestreamException e) {
            if ("no_job".equals(e.code())) return Optional.empty();
            throw e;
        }
    }

    public Job job(String jobId) {
        return transport.send("GET", "/api/v1/jobs/" + path(jobId), null, Job.class);
    }

    public Job stop() {
        return transport.send("POST", "/api/v1/jobs/current/stop", null, Job.class);
    }

    public Job stop(String jobId) {
        return transport.send("POST", "/api/v1/jobs/" + path(jobId) + "/stop", null, Job.class);
    }

    /** Changes the banners of the running output; absent fields keep their values. */
    public Job updateOverlay(Overlay patch) {
        return transport.send("PATCH", "/api/v1/jobs/current/overlay", patch, Job.class);
    }

    public Viewers viewers() {
        return transport.send("GET", "/api/v1/viewers", null, Viewers.class);
    }

    /** The latest comments, oldest first. */
    public List<Comment> comments(int limit) {
        return Transport.JSON.convertValue(transport.sendForJson("GET", "/api/v1/chat/messages?limit=" + limit, null), COMMENTS);
    }

    /** Sends to every chat of the live job, or to the given platforms; one result per platform. */
    public List<SendResult> sendChat(String message, List<String> platforms) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (platforms != null) body.put("platforms", platforms);
        return Transport.JSON.convertValue(transport.sendForJson("POST", "/api/v1/chat/messages", body).path("results"), RESULTS);
    }

    /** Follows the user's events until the returned stream is closed. */
    public EventStream events(RestreamListener listener) {
        return new EventStream(transport, options, listener, null);
    }

    /** Follows the events, resuming after {@code lastEventId} (a comment id from an earlier stream). */
    public EventStream events(RestreamListener listener, String lastEventId) {
        return new EventStream(transport, options, listener, lastEventId);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
