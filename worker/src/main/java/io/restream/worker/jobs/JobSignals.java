package io.restream.worker.jobs;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nudges job sessions when their user's job changes: every change of a job is published on the
 * user's events channel ({@link RedisKeys#events}, by {@code JobStore}), so a session that listens
 * there reads its job at once instead of at its next poll. This is what makes a stop, and both
 * halves of a supersede (the old job sees it is stopping; the new one sees the old one stopped),
 * take milliseconds rather than a poll period each. Pub/sub is lossy, so the sessions keep polling
 * as well; a nudge only cuts a pause short. One pub/sub connection per worker.
 */
final class JobSignals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobSignals.class);

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final Map<String, Set<Runnable>> listeners = new HashMap<>();

    JobSignals(Redis redis) {
        connection = redis.pubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Set<Runnable> these;
                synchronized (listeners) {
                    these = listeners.get(channel);
                }
                if (these != null) these.forEach(Runnable::run);
            }
        });
    }

    /** A listening that ends when closed. */
    interface Listening extends AutoCloseable {
        @Override void close();
    }

    /** Calls {@code nudge} on every job event of {@code user} until the returned handle is closed. */
    Listening listen(UserRef user, Runnable nudge) {
        String channel = RedisKeys.events(user);
        synchronized (listeners) {
            Set<Runnable> set = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArraySet<>());
            if (set.isEmpty()) connection.async().subscribe(channel).exceptionally(e -> warn(channel, e));
            set.add(nudge);
        }
        return () -> {
            synchronized (listeners) {
                Set<Runnable> set = listeners.get(channel);
                if (set == null) return;
                set.remove(nudge);
                if (set.isEmpty()) {
                    listeners.remove(channel);
                    connection.async().unsubscribe(channel).exceptionally(e -> warn(channel, e));
                }
            }
        };
    }

    private static Void warn(String channel, Throwable e) {
        log.debug("job events: (un)subscribe failed ({}); sessions fall back to polling", e.getMessage());
        return null;
    }

    @Override
    public void close() {
        connection.close();
    }
}
