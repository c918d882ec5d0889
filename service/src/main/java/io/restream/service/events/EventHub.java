package io.restream.service.events;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import io.restream.service.ServiceContext;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This API node's side of the user event channels: one Redis pub/sub connection per process,
 * subscribed to {@code rs:events:{cid:uid}} for exactly the users who have a stream open here
 * (reference counted), never one connection per client. Each message is parsed and framed once,
 * then handed to every stream of that user, one task per event loop, in the order Redis sent it
 * (batched when a loop falls behind; see {@link Group}).
 */
public final class EventHub {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private static final Map<ServiceContext, EventHub> HUBS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Redis redis;
    /** From a message heard on pub/sub to its bytes handed to the last stream's socket (the oldest of a batch). */
    private final Timer fanout;
    private final AtomicInteger streams = new AtomicInteger();
    private final Map<String, Subscribers> byChannel = new HashMap<>(); // guarded by this
    private StatefulRedisPubSubConnection<String, String> connection; // guarded by this

    EventHub(Redis redis, Timer fanout) {
        this.redis = redis;
        this.fanout = fanout;
    }

    /** The hub of this process's API (every verticle of one {@link ServiceContext} shares it). */
    public static EventHub of(ServiceContext ctx) {
        return HUBS.computeIfAbsent(ctx, c -> {
            // Percentiles of the last minute: this node's share of the delay, apart from Redis's and the clients'.
            Timer fanout = Timer.builder("restream_sse_fanout").publishPercentiles(0.5, 0.9, 0.99)
                    .distributionStatisticExpiry(java.time.Duration.ofMinutes(1)).distributionStatisticBufferLength(2)
                    .description("Pub/sub message heard -> written to every stream of its user on one event loop")
                    .register(c.metrics());
            EventHub hub = new EventHub(c.redis(), fanout);
            Gauge.builder("restream_sse_streams", hub, h -> h.streams.get())
                    .description("Open GET /api/v1/events streams on this node").register(c.metrics());
            Gauge.builder("restream_sse_users", hub, EventHub::channels)
                    .description("Users with at least one open event stream on this node").register(c.metrics());
            return hub;
        });
    }

    /** A stream open on this node; called on its own context. */
    interface Listener {
        Context context();

        /**
         * Events in channel order; several at once when they arrived faster than the event loop ran.
         *
         * @param frames all the events' frames back to back, built once for every listener of the batch
         */
        void onEvents(List<HubEvent> events, Buffer frames);

        /** Events may have been lost (Redis reconnected): end the stream so that the client resumes from its last id. */
        void resume();
    }

    /** Starts delivering the user's events to {@code listener}; completes once Redis confirms the subscription. */
    CompletionStage<Void> join(UserRef user, Listener listener) {
        String channel = RedisKeys.events(user);
        synchronized (this) {
            Subscribers subs = byChannel.get(channel);
            if (subs != null) {
                subs.add(listener);
                streams.incrementAndGet();
                return subs.subscribed;
            }
            StatefulRedisPubSubConnection<String, String> pubSub;
            try {
                pubSub = connection();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e); // Redis unreachable: 503, nothing registered
            }
            Subscribers created = new Subscribers();
            created.add(listener);
            streams.incrementAndGet();
            byChannel.put(channel, created);
            created.subscribed = pubSub.async().subscribe(channel).thenApply(v -> (Void) null);
            created.subscribed.whenComplete((v, error) -> {
                if (error != null) forget(channel, created);
            });
            return created.subscribed;
        }
    }

    void leave(UserRef user, Listener listener) {
        String channel = RedisKeys.events(user);
        synchronized (this) {
            Subscribers subs = byChannel.get(channel);
            if (subs == null || !subs.remove(listener)) return;
            streams.decrementAndGet();
            if (!subs.isEmpty()) return;
            byChannel.remove(channel);
            // Sent after any earlier SUBSCRIBE on the same connection, so a later join re-subscribes cleanly.
            connection.async().unsubscribe(channel).exceptionally(e -> {
                log.debug("unsubscribe of a user channel failed: {}", e.getMessage());
                return null;
            });
        }
    }

    /** A subscription Redis refused: drop it so that the next stream tries again. */
    private synchronized void forget(String channel, Subscribers subs) {
        if (byChannel.get(channel) != subs) return;
        byChannel.remove(channel);
        subs.byContext.values().forEach(g -> streams.addAndGet(-g.listeners.size()));
    }

    /** Users with at least one stream here (for metrics and tests). */
    public synchronized int channels() {
        return byChannel.size();
    }

    private StatefulRedisPubSubConnection<String, String> connection() {
        if (connection == null) {
            connection = redis.pubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    dispatch(channel, message);
                }

                @Override
                public void subscribed(String channel, long count) {
                    onSubscribed(channel);
                }
            });
        }
        return connection;
    }

    /**
     * Redis confirmed a subscription. A second confirmation for the same channel means Lettuce
     * reconnected and subscribed again: whatever was published in between never reached us, so the
     * channel's streams are ended and their clients come back with {@code Last-Event-ID}, which
     * replays the missed comments from the log.
     */
    private void onSubscribed(String channel) {
        Map<Context, Group> targets;
        synchronized (this) {
            Subscribers subs = byChannel.get(channel);
            if (subs == null) return;
            if (!subs.confirmed) {
                subs.confirmed = true;
                return;
            }
            targets = subs.byContext;
        }
        log.info("Redis subscription renewed after a reconnect; ending {} event loop group(s) of streams so that they resume", targets.size());
        targets.values().forEach(g -> g.context.runOnContext(v -> g.listeners.forEach(Listener::resume)));
    }

    private void dispatch(String channel, String message) {
        Map<Context, Group> targets;
        synchronized (this) {
            Subscribers subs = byChannel.get(channel);
            if (subs == null) return;
            targets = subs.byContext;
        }
        HubEvent event = HubEvent.parse(message);
        if (event == null) {
            log.warn("ignored a malformed message on a user events channel");
            return;
        }
        targets.values().forEach(g -> g.offer(event));
    }

    /**
     * One user's streams on one event loop, with the events waiting for that loop. Events queue up
     * while a drain is scheduled, so a loop that falls behind writes many events per socket write
     * (one syscall) instead of one each: the batch grows exactly when it must.
     */
    private static final class Group {
        static final int MAX_BATCH = 1024;
        /**
         * A user with this many streams on one loop gets its events gathered for up to
         * {@link #COALESCE_MS} before they are written: a few ms of latency for several times fewer
         * socket writes when one message goes to hundreds of streams.
         */
        static final int COALESCE_AT = 64;
        static final long COALESCE_MS = 8;
        final Context context;
        volatile List<Listener> listeners = List.of();
        private final ConcurrentLinkedQueue<HubEvent> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final Timer fanout;
        /** When the oldest event of the next drain was heard (set by whoever schedules that drain). */
        private volatile long heardAt;

        Group(Context context, Timer fanout) {
            this.context = context;
            this.fanout = fanout;
        }

        void offer(HubEvent e) {
            long now = System.nanoTime();
            queue.add(e);
            if (!scheduled.compareAndSet(false, true)) return;
            heardAt = now;
            if (listeners.size() >= COALESCE_AT) {
                context.runOnContext(v -> context.owner().setTimer(COALESCE_MS, id -> drain()));
            } else {
                context.runOnContext(v -> drain());
            }
        }

        private void drain() {
            long oldest = heardAt;
            scheduled.set(false);
            List<HubEvent> batch = new ArrayList<>();
            HubEvent e;
            while (batch.size() < MAX_BATCH && (e = queue.poll()) != null) batch.add(e);
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                heardAt = System.nanoTime(); // events left for the next drain: at the latest, heard now
                context.runOnContext(v -> drain());
            }
            if (batch.isEmpty()) return;
            List<HubEvent> events = List.copyOf(batch);
            Buffer frames;
            if (events.size() == 1) {
                frames = events.get(0).frame();
            } else {
                frames = Buffer.buffer();
                for (HubEvent ev : events) frames.appendBuffer(ev.frame());
            }
            for (Listener l : listeners) l.onEvents(events, frames);
            fanout.record(System.nanoTime() - oldest, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** One user's listeners, grouped by event loop; the map is replaced, never mutated. */
    private final class Subscribers {
        volatile Map<Context, Group> byContext = Map.of();
        CompletionStage<Void> subscribed = CompletableFuture.completedFuture(null);
        boolean confirmed; // guarded by the hub

        /**
         * The group's key: the event loop's own context. A stream's context is its request's
         * duplicate (one per request in Vert.x 5), so keyed by that every stream was a group of
         * its own: one task per stream per message instead of one per loop, and never a batch.
         */
        private static Context loopOf(Listener l) {
            return ((ContextInternal) l.context()).unwrap();
        }

        void add(Listener l) {
            Map<Context, Group> copy = new HashMap<>(byContext);
            Group g = copy.computeIfAbsent(loopOf(l), c -> new Group(c, fanout));
            List<Listener> list = new ArrayList<>(g.listeners);
            list.add(l);
            g.listeners = List.copyOf(list);
            byContext = Map.copyOf(copy);
        }

        boolean remove(Listener l) {
            Group g = byContext.get(loopOf(l));
            if (g == null || !g.listeners.contains(l)) return false;
            List<Listener> rest = new ArrayList<>(g.listeners);
            rest.remove(l);
            g.listeners = List.copyOf(rest);
            if (rest.isEmpty()) {
                Map<Context, Group> copy = new HashMap<>(byContext);
                copy.remove(loopOf(l));
                byContext = Map.copyOf(copy);
            }
            return true;
        }

        boolean isEmpty() {
            return byContext.isEmpty();
        }
    }
}
