package io.restream.service.events;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import io.restream.service.ServiceContext;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This API node's side of the user event channels: one Redis pub/sub connection per process,
 * subscribed to {@code rs:events:{cid:uid}} for exactly the users who have a stream open here
 * (reference counted), never one connection per client. Each message is parsed and framed once,
 * then handed to every stream of that user, one task per event loop, in the order Redis sent it.
 */
public final class EventHub {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private static final Map<ServiceContext, EventHub> HUBS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Redis redis;
    private final Map<String, Subscribers> byChannel = new HashMap<>(); // guarded by this
    private StatefulRedisPubSubConnection<String, String> connection; // guarded by this

    EventHub(Redis redis) {
        this.redis = redis;
    }

    /** The hub of this process's API (every verticle of one {@link ServiceContext} shares it). */
    public static EventHub of(ServiceContext ctx) {
        return HUBS.computeIfAbsent(ctx, c -> new EventHub(c.redis()));
    }

    /** A stream open on this node; called on its own context. */
    interface Listener {
        Context context();

        void onEvent(HubEvent event);
    }

    /** Starts delivering the user's events to {@code listener}; completes once Redis confirms the subscription. */
    CompletionStage<Void> join(UserRef user, Listener listener) {
        String channel = RedisKeys.events(user);
        synchronized (this) {
            Subscribers subs = byChannel.get(channel);
            if (subs != null) {
                subs.add(listener);
                return subs.subscribed;
            }
            subs = new Subscribers();
            subs.add(listener);
            byChannel.put(channel, subs);
            Subscribers created = subs;
            subs.subscribed = connection().async().subscribe(channel).thenApply(v -> (Void) null);
            subs.subscribed.whenComplete((v, error) -> {
                if (error != null) forget(channel, created);
            });
            return subs.subscribed;
        }
    }

    void leave(UserRef user, Listener listener) {
        String channel = RedisKeys.events(user);
        synchronized (this) {
            Subscribers subs = byChannel.get(channel);
            if (subs == null || !subs.remove(listener) || !subs.isEmpty()) return;
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
        if (byChannel.get(channel) == subs) byChannel.remove(channel);
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
            });
        }
        return connection;
    }

    private void dispatch(String channel, String message) {
        Map<Context, List<Listener>> targets;
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
        targets.forEach((context, listeners) -> context.runOnContext(v -> {
            for (Listener l : listeners) l.onEvent(event);
        }));
    }

    /** One user's listeners, grouped by event loop; the map and lists are replaced, never mutated. */
    private static final class Subscribers {
        volatile Map<Context, List<Listener>> byContext = Map.of();
        CompletionStage<Void> subscribed = CompletableFuture.completedFuture(null);

        void add(Listener l) {
            Map<Context, List<Listener>> copy = new HashMap<>(byContext);
            List<Listener> list = new ArrayList<>(copy.getOrDefault(l.context(), List.of()));
            list.add(l);
            copy.put(l.context(), List.copyOf(list));
            byContext = Map.copyOf(copy);
        }

        boolean remove(Listener l) {
            List<Listener> list = byContext.get(l.context());
            if (list == null || !list.contains(l)) return false;
            Map<Context, List<Listener>> copy = new HashMap<>(byContext);
            List<Listener> rest = new ArrayList<>(list);
            rest.remove(l);
            if (rest.isEmpty()) copy.remove(l.context()); else copy.put(l.context(), List.copyOf(rest));
            byContext = Map.copyOf(copy);
            return true;
        }

        boolean isEmpty() {
            return byContext.isEmpty();
        }
    }
}
