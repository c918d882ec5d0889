package io.restream.chat.jobs;

import io.restream.core.chat.ChatKeys;
import io.restream.core.connections.StoredConnection;
import io.restream.core.jobs.StoredJob;
import io.restream.core.json.Json;
import io.restream.core.model.Broadcast;
import io.restream.core.model.Comment;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.model.Viewers;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.ChatSink;
import io.restream.platforms.port.ChatSource;
import io.restream.platforms.port.ChatSubscription;
import io.restream.platforms.port.ChatTarget;
import io.restream.platforms.port.ViewerCounter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat of one running job held by this aggregator: one {@link ChatSource} session per
 * destination that has chat, opened as soon as what it needs is known (the connection; for YouTube
 * and Facebook the broadcast id), reopened after a pause when the platform ends it, and the
 * viewer counts polled every {@code viewersMs}. {@link #refresh} is called on every scan with the
 * job as it is now; it never blocks on a platform.
 */
public final class JobChat {
    private static final Logger log = LoggerFactory.getLogger(JobChat.class);
    /** Pause before reopening a session the platform ended (revoked, refused). */
    static final long REOPEN_AFTER_MS = 5_000;
    /** How long a webhook route outlives the last renewal (renewed every scan). */
    static final long ROUTE_TTL_MS = 30_000;

    private final ChatDeps deps;
    private final String jobId;
    private final UserRef user;
    private final Map<String, Session> sessions = new HashMap<>();
    private volatile boolean closed;
    private long nextViewersAt;
    private volatile boolean viewersInFlight; // cleared by the io thread that polled

    /** One destination's chat session. */
    private static final class Session {
        volatile ChatSubscription subscription;
        volatile boolean ended;
        volatile long reopenAt;
        String routeKey;
    }

    public JobChat(ChatDeps deps, StoredJob job) {
        this.deps = deps;
        this.jobId = job.id();
        this.user = job.user();
    }

    public String jobId() {
        return jobId;
    }

    /** Opens what is missing, renews webhook routes, and polls viewers when due. Runs on the scanner thread. */
    public void refresh(StoredJob job) {
        long now = System.currentTimeMillis();
        for (String destination : job.job().destinations()) {
            Platform p = Platform.ofConnectionId(destination).orElse(Platform.CUSTOM);
            Optional<ChatSource> source = deps.adapters().source(p);
            if (!p.chat() || source.isEmpty()) continue;
            Session s = sessions.computeIfAbsent(destination, d -> new Session());
            if (s.subscription != null && !s.ended) {
                renewRoute(s);
                continue;
            }
            if (s.ended && now < s.reopenAt) continue;
            try {
                Optional<ChatTarget> target = target(job, destination, source.get());
                if (target.isPresent()) open(destination, s, source.get(), target.get());
            } catch (Exception e) {
                log.warn("job {}: cannot open {} chat ({}); retrying in {} ms", jobId, destination, e.toString(), REOPEN_AFTER_MS);
                s.ended = true;
                s.reopenAt = now + REOPEN_AFTER_MS;
            }
        }
        if (now >= nextViewersAt && !viewersInFlight) {
            nextViewersAt = now + deps.viewersMs();
            viewersInFlight = true;
            deps.io().execute(() -> {
                try {
                    pollViewers(job);
                } finally {
                    viewersInFlight = false;
                }
            });
        }
    }

    private Optional<ChatTarget> target(StoredJob job, String destination, ChatSource source) throws Exception {
        Optional<StoredConnection> connection = deps.connections().get(user, destination).toCompletableFuture().get(5, TimeUnit.SECONDS);
        if (connection.isEmpty()) return Optional.empty();
        String broadcastId = job.job().broadcasts().stream()
                .filter(b -> destination.equals(b.destination()))
                .map(Broadcast::broadcastId).filter(id -> id != null && !id.isBlank())
                .findFirst().orElse(null);
        if (source.needsBroadcastId() && broadcastId == null) return Optional.empty();
        return Optional.of(new ChatTarget(jobId, user, deps.fresh(user, connection.get()), broadcastId));
    }

    private void open(String destination, Session s, ChatSource source, ChatTarget target) {
        if (s.subscription != null) s.subscription.close();
        s.ended = false;
        if (source.deliveredByWebhook()) {
            s.routeKey = ChatKeys.webhookRoute(target.platform().id(), target.channelId());
            renewRoute(s);
        }
        log.info("job {}: opening {} chat", jobId, destination);
        s.subscription = source.open(target, new ChatSink() {
            @Override
            public void comment(Comment comment) {
                store(comment);
            }

            @Override
            public void ended(String reason) {
                log.info("job {}: {} chat ended ({}); reopening in {} ms", jobId, destination, reason, REOPEN_AFTER_MS);
                s.reopenAt = System.currentTimeMillis() + REOPEN_AFTER_MS;
                s.ended = true;
            }
        });
    }

    private void renewRoute(Session s) {
        if (s.routeKey == null) return;
        Map<String, String> route = Map.of("cid", user.clientId(), "uid", user.userId(), "jobId", jobId);
        deps.redis().async().psetex(s.routeKey, ROUTE_TTL_MS, Json.write(route));
    }

    /** Hands one message to the chat log (which drops redeliveries); never blocks the source's thread. */
    void store(Comment comment) {
        if (closed) return;
        deps.chat().append(user, comment).whenComplete((id, error) -> {
            if (error != null) log.warn("job {}: a {} comment could not be stored: {}", jobId, comment.platform().id(), error.getMessage());
        });
    }

    private void pollViewers(StoredJob job) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String destination : job.job().destinations()) {
            Platform p = Platform.ofConnectionId(destination).orElse(Platform.CUSTOM);
            Optional<ViewerCounter> counter = deps.adapters().viewers(p);
            if (!p.viewers() || counter.isEmpty()) continue;
            try {
                Optional<ChatTarget> target = targetForViewers(job, destination);
                if (target.isEmpty()) continue;
                ViewerCounter c = counter.get();
                OptionalLong n = deps.call(target.get(), renewed -> c.count(target.get().with(renewed)));
                counts.merge(p.id(), n.orElse(0), Long::sum);
            } catch (PlatformException e) {
                log.info("job {}: {} viewer count unavailable: {}", jobId, destination, e.getMessage());
            } catch (Exception e) {
                log.warn("job {}: {} viewer count failed: {}", jobId, destination, e.toString());
            }
        }
        if (closed) return;
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        deps.viewers().put(user, jobId, new Viewers(total, counts, System.currentTimeMillis()));
    }

    private Optional<ChatTarget> targetForViewers(StoredJob job, String destination) throws Exception {
        Optional<StoredConnection> connection = deps.connections().get(user, destination).toCompletableFuture().get(5, TimeUnit.SECONDS);
        if (connection.isEmpty()) return Optional.empty();
        String broadcastId = job.job().broadcasts().stream().filter(b -> destination.equals(b.destination()))
                .map(Broadcast::broadcastId).filter(id -> id != null).findFirst().orElse(null);
        return Optional.of(new ChatTarget(jobId, user, connection.get(), broadcastId));
    }

    /** Drops the platform sessions and nothing else (routes and counts stay for the next owner). */
    public void abandon() {
        closed = true;
        for (Session s : sessions.values()) if (s.subscription != null) s.subscription.close();
        sessions.clear();
    }

    /** Ends every session and forgets the job's routes and viewer counts. */
    public void close() {
        closed = true;
        for (Session s : sessions.values()) {
            if (s.subscription != null) s.subscription.close();
            if (s.routeKey != null) deps.redis().async().del(s.routeKey);
        }
        sessions.clear();
        deps.viewers().clear(user, jobId, System.currentTimeMillis());
    }
}
