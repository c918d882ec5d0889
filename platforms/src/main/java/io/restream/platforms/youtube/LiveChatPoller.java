package io.restream.platforms.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.model.Comment;
import io.restream.core.model.Platform;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.core.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one live chat: each page's {@code nextPageToken} is the next call's {@code pageToken}, and
 * the next call waits the {@code pollingIntervalMillis} the page asked for (never less than
 * {@value #MIN_INTERVAL_MS} ms). Pages may overlap; the chat log drops the repeats. A refused token
 * or an ended chat ends the session; other failures back off and retry.
 */
final class LiveChatPoller implements ChatSubscription {
    private static final Logger log = LoggerFactory.getLogger(LiveChatPoller.class);
    static final long MIN_INTERVAL_MS = 200;

    private final YouTubeChat api;
    private final ScheduledExecutorService timers;
    private final ChatTarget target;
    private final ChatSink sink;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> next;
    private String liveChatId;
    private String pageToken;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    LiveChatPoller(YouTubeChat api, ScheduledExecutorService timers, ChatTarget target, ChatSink sink, String pageToken) {
        this.api = api;
        this.timers = timers;
        this.target = target;
        this.sink = sink;
        this.pageToken = pageToken;
    }

    void start() {
        schedule(0);
    }

    private void schedule(long delayMs) {
        if (!closed) next = timers.schedule(this::poll, delayMs, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        if (closed) return;
        try {
            if (liveChatId == null) liveChatId = api.liveChatId(target);
            JsonNode page = api.messages(target, liveChatId, pageToken);
            for (JsonNode item : page.path("items")) {
                Comment c = toComment(item);
                if (c != null) sink.comment(c);
            }
            if (page.hasNonNull("nextPageToken")) pageToken = page.get("nextPageToken").asText();
            if (page.hasNonNull("offlineAt")) {
                closed = true;
                sink.ended("the YouTube live chat went offline");
                return;
            }
            backoff.reset();
            schedule(Math.max(MIN_INTERVAL_MS, page.path("pollingIntervalMillis").asLong(5_000)));
        } catch (PlatformException e) {
            if ("needs_reconnect".equals(e.code()) || "not_live".equals(e.code())) {
                log.info("job {}: YouTube chat ended: {}", target.jobId(), e.getMessage());
                closed = true;
                sink.ended(e.getMessage());
                return;
            }
            long delay = backoff.next().toMillis();
            log.info("job {}: YouTube chat poll failed ({}); retrying in {} ms", target.jobId(), e.getMessage(), delay);
            schedule(delay);
        } catch (RuntimeException e) {
            log.warn("job {}: YouTube chat poll failed: {}", target.jobId(), e.toString());
            schedule(5_000);
        }
    }

    static Comment toComment(JsonNode item) {
        JsonNode snippet = item.path("snippet");
        String text = snippet.hasNonNull("displayMessage") ? snippet.get("displayMessage").asText()
                : snippet.path("textMessageDetails").path("messageText").asText(null);
        if (!item.hasNonNull("id") || text == null) return null;
        JsonNode author = item.path("authorDetails");
        long ts;
        try {
            ts = Instant.parse(snippet.path("publishedAt").asText()).toEpochMilli();
        } catch (RuntimeException e) {
            ts = System.currentTimeMillis();
        }
        return new Comment("youtube:" + item.get("id").asText(), Platform.YOUTUBE,
                author.path("displayName").asText("YouTube user"),
                author.hasNonNull("profileImageUrl") ? author.get("profileImageUrl").asText() : null, text, ts);
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> f = next;
        if (f != null) f.cancel(false);
    }
}
