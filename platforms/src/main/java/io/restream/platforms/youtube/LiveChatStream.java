package io.restream.platforms.youtube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.core.retry.Backoff;
import io.restream.platforms.support.PlatformHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live chat read through {@code liveChat/messages/stream} (the REST form of
 * {@code liveChatMessages.streamList}): a long-lived response carrying a JSON array of
 * {@code liveChatMessageListResponse} objects, one as soon as there are new messages, each with a
 * {@code nextPageToken} to resume from. Parsed incrementally without holding a thread.
 *
 * <pre>
 *  LOOKUP liveChatId ──► STREAMING ──response ends / breaks after data──► STREAMING again from nextPageToken (backoff)
 *                            └──refused, not JSON, or ends before any data──► POLLING ({@link LiveChatPoller}) for good
 *  any ──offlineAt / 401──► ENDED (sink told)          any ──close()──► CLOSED
 * </pre>
 */
final class LiveChatStream implements ChatSubscription {
    private static final Logger log = LoggerFactory.getLogger(LiveChatStream.class);

    private final YouTubeChat api;
    private final PlatformHttp http;
    private final ScheduledExecutorService timers;
    private final ChatTarget target;
    private final ChatSink sink;
    private volatile boolean closed;
    private volatile Flow.Subscription current;
    private volatile ChatSubscription fallback;
    private volatile String liveChatId;
    private volatile String pageToken;
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    LiveChatStream(YouTubeChat api, PlatformHttp http, ScheduledExecutorService timers, ChatTarget target, ChatSink sink) {
        this.api = api;
        this.http = http;
        this.timers = timers;
        this.target = target;
        this.sink = sink;
    }

    void start() {
        timers.execute(this::connect);
    }

    private void connect() {
        if (closed) return;
        try {
            if (liveChatId == null) liveChatId = api.liveChatId(target);
        } catch (PlatformException e) {
            if ("needs_reconnect".equals(e.code()) || "not_live".equals(e.code())) {
                closed = true;
                sink.ended(e.getMessage());
            } else {
                retry();
            }
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.streamUrl(liveChatId, pageToken)))
                .header("Authorization", "Bearer " + target.accessToken()).header("Accept", "application/json").GET().build();
        Elements elements = new Elements();
        // Only a 200 body is the stream; an error body is not a page.
        HttpResponse.BodyHandler<Void> handler = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.fromSubscriber(elements) : HttpResponse.BodySubscribers.discarding();
        http.client().sendAsync(req, handler).whenComplete((res, error) -> {
            if (closed) return;
            int status = res == null ? 0 : res.statusCode();
            if (status == 401) {
                closed = true;
                sink.ended("YouTube refused the token (401)");
            } else if (elements.received == 0 && (status != 200 || elements.broken)) {
                log.info("job {}: YouTube chat stream unavailable ({}); polling instead", target.jobId(), status == 0 ? "no response" : status);
                fallback = api.poll(target, sink, pageToken);
                if (closed) fallback.close();
            } else if (!closed && !elements.offline) {
                retry(); // the server ended a working stream: resume from the last page token
            }
        });
    }

    private void retry() {
        long delay = backoff.next().toMillis();
        timers.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Feeds the body to a non-blocking JSON parser and hands each complete list response over. */
    private final class Elements implements Flow.Subscriber<List<ByteBuffer>> {
        private final JsonParser parser;
        private TokenBuffer element;
        private int depth;
        volatile int received;
        volatile boolean broken;
        volatile boolean offline;

        Elements() {
            try {
                parser = Json.MAPPER.getFactory().createNonBlockingByteArrayParser();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            current = subscription;
            if (closed) subscription.cancel(); else subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer b : buffers) {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(bytes, 0, bytes.length);
                    drain();
                }
            } catch (IOException | RuntimeException e) {
                broken = true;
                current.cancel();
            }
        }

        /** Elements are objects at the root or directly inside the root array. */
        private void drain() throws IOException {
            JsonToken t;
            while ((t = parser.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
                if (element == null) {
                    if (t == JsonToken.START_OBJECT) {
                        element = new TokenBuffer(Json.MAPPER, false);
                        element.copyCurrentEvent(parser);
                        depth = 1;
                    }
                    continue; // the array's brackets and separators
                }
                element.copyCurrentEvent(parser);
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) depth++;
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) depth--;
                if (depth == 0) {
                    JsonNode page = Json.MAPPER.readTree(element.asParser());
                    element = null;
                    onPage(page);
                }
            }
        }

        private void onPage(JsonNode page) {
            received++;
            backoff.reset();
            for (JsonNode item : page.path("items")) {
                Comment c = LiveChatPoller.toComment(item);
                if (c != null) sink.comment(c);
            }
            if (page.hasNonNull("nextPageToken")) pageToken = page.get("nextPageToken").asText();
            if (page.hasNonNull("offlineAt") && !offline) {
                offline = true;
                closed = true;
                current.cancel();
                sink.ended("the YouTube live chat went offline");
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the response future completes too; connect() decides what next
        }

        @Override
        public void onComplete() {
            // likewise
        }
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = current;
        if (s != null) s.cancel();
        ChatSubscription f = fallback;
        if (f != null) f.close();
    }
}
