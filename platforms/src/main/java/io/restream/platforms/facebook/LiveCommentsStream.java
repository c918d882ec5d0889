package io.restream.platforms.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import io.restream.core.model.Platform;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.core.retry.Backoff;
import io.restream.platforms.support.PlatformHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live video's {@code live_comments} Server-Sent Events stream, read line by line without
 * holding a thread. A stream that ends or fails is opened again after a pause (growing to 30 s);
 * a 401/403 ends the session (the token no longer works).
 */
final class LiveCommentsStream implements ChatSubscription {
    private static final Logger log = LoggerFactory.getLogger(LiveCommentsStream.class);
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final String url;
    private final PlatformHttp http;
    private final ScheduledExecutorService timers;
    private final ChatTarget target;
    private final ChatSink sink;
    private volatile Flow.Subscription current;
    private volatile boolean closed;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    /** @param url the live video's {@code live_comments} stream with its token ({@link #url}) */
    LiveCommentsStream(String url, PlatformHttp http, ScheduledExecutorService timers, ChatTarget target, ChatSink sink) {
        this.url = url;
        this.http = http;
        this.timers = timers;
        this.target = target;
        this.sink = sink;
    }

    /** The {@code live_comments} stream of the target's live video at {@code streamingBase}, read with {@code token}. */
    static String url(String streamingBase, ChatTarget target, String token) {
        return streamingBase + "/" + PlatformHttp.q(target.broadcastId()) + "/live_comments?access_token=" + PlatformHttp.q(token)
                + "&comment_rate=one_hundred_per_second&fields=" + PlatformHttp.q("from{name,id,picture},message,created_time,id");
    }

    void start() {
        if (closed) return;
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build();
        http.client().sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(), s -> null, "\n"))
                .whenComplete((res, error) -> {
                    if (closed) return;
                    if (error == null && (res.statusCode() == 401 || res.statusCode() == 403)) {
                        log.info("job {}: Facebook refused the live_comments stream ({})", target.jobId(), res.statusCode());
                        closed = true;
                        sink.ended("facebook refused the comments stream: " + res.statusCode());
                        return;
                    }
                    long delay = backoff.next().toMillis();
                    log.info("job {}: Facebook comments stream ended; reopening in {} ms", target.jobId(), delay);
                    timers.schedule(this::start, delay, TimeUnit.MILLISECONDS);
                });
    }

    /** Parses the stream: every {@code data:} line is one comment object. */
    private final class Lines implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            current = subscription;
            if (closed) subscription.cancel(); else subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data:")) return;
            String json = line.substring(5).trim();
            if (json.isEmpty()) return;
            try {
                JsonNode c = Json.read(json, JsonNode.class);
                if (!c.hasNonNull("id")) return;
                backoff.reset();
                sink.comment(toComment(c));
            } catch (RuntimeException e) {
                log.debug("job {}: ignored a malformed live comment", target.jobId());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the response future completes exceptionally too; start() reopens
        }

        @Override
        public void onComplete() {
            // likewise
        }
    }

    static Comment toComment(JsonNode c) {
        JsonNode from = c.path("from");
        String author = from.hasNonNull("name") ? from.get("name").asText() : "Facebook user"; // `from` may be missing
        String avatar = from.path("picture").path("data").hasNonNull("url") ? from.path("picture").path("data").get("url").asText() : null;
        return new Comment("facebook:" + c.get("id").asText(), Platform.FACEBOOK, author, avatar, c.path("message").asText(""),
                parseTime(c.path("created_time").asText(null)));
    }

    static long parseTime(String graphTime) {
        if (graphTime == null) return System.currentTimeMillis();
        try {
            return OffsetDateTime.parse(graphTime, GRAPH_TIME).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            try {
                return OffsetDateTime.parse(graphTime).toInstant().toEpochMilli();
            } catch (RuntimeException again) {
                return System.currentTimeMillis();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = current;
        if (s != null) s.cancel();
    }
}
