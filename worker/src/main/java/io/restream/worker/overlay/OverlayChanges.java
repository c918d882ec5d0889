package io.restream.worker.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.events.UserEvents;
import io.restream.core.jobs.JobStore;
import io.restream.core.json.Json;
import io.restream.core.model.Overlay;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears a PATCH of a job's overlay the moment it is published, instead of at the job's next poll
 * of its hash ({@code RESTREAM_WORKER_STEADY_POLL_MS}, 2 s once running: on average half of it lost on every change).
 * Every job change is published as a {@code job} event on the user's channel ({@link UserEvents},
 * the whole job, overlay included); this worker keeps one pub/sub connection, subscribed to the
 * channels of the users with a job here (reference counted), and hands the overlay of each event
 * to that job's listener. The poll stays as the backstop (a missed message, the moments before the
 * subscription is confirmed), and applying an overlay twice is a no-op.
 */
public final class OverlayChanges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OverlayChanges.class);

    private final Redis redis;
    private final JobStore jobs;
    private final Map<String, Map<String, Consumer<Overlay>>> byChannel = new HashMap<>(); // guarded by this
    private StatefulRedisPubSubConnection<String, String> connection; // guarded by this
    private boolean closed; // guarded by this
    private final ExecutorService subscriber = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "overlay-changes");
        t.setDaemon(true);
        return t;
    });

    public OverlayChanges(Redis redis) {
        this.redis = redis;
        this.jobs = new JobStore(redis);
    }

    /**
     * Calls {@code listener} with the overlay (null = none) of every published change of {@code jobId}
     * from now on, on Lettuce's thread (it must only hand the work on). Close the result to stop.
     */
    public AutoCloseable watch(String jobId, Consumer<Overlay> listener) {
        String[] channel = {null}; // null: not yet subscribed, "": closed
        // Subscribing may connect (blocking): never on Lettuce's own thread, where the read completes.
        jobs.get(jobId).thenAcceptAsync(job -> job.ifPresent(j -> {
            synchronized (this) {
                if (channel[0] == null) channel[0] = subscribe(RedisKeys.events(j.user()), jobId, listener);
            }
        }), subscriber).exceptionally(e -> {
            log.debug("job {}: overlay changes heard at the poll only ({})", jobId, e.getMessage());
            return null;
        });
        return () -> {
            synchronized (this) {
                if (channel[0] != null && !channel[0].isEmpty()) unsubscribe(channel[0], jobId);
                channel[0] = "";
            }
        };
    }

    private synchronized String subscribe(String channel, String jobId, Consumer<Overlay> listener) {
        if (closed) return "";
        Map<String, Consumer<Overlay>> listeners = byChannel.get(channel);
        if (listeners == null) {
            listeners = new HashMap<>();
            byChannel.put(channel, listeners);
            connection().async().subscribe(channel);
        }
        listeners.put(jobId, listener);
        return channel;
    }

    private void unsubscribe(String channel, String jobId) {
        Map<String, Consumer<Overlay>> listeners = byChannel.get(channel);
        if (listeners == null) return;
        listeners.remove(jobId);
        if (listeners.isEmpty()) {
            byChannel.remove(channel);
            if (connection != null && !closed) connection.async().unsubscribe(channel);
        }
    }

    private StatefulRedisPubSubConnection<String, String> connection() {
        if (connection == null) {
            connection = redis.pubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    deliver(channel, message);
                }
            });
        }
        return connection;
    }

    private void deliver(String channel, String message) {
        Consumer<Overlay> listener;
        Overlay overlay;
        try {
            JsonNode event = Json.MAPPER.readTree(message);
            if (!UserEvents.JOB.equals(event.path("type").asText())) return;
            JsonNode job = event.path("data");
            synchronized (this) {
                Map<String, Consumer<Overlay>> listeners = byChannel.get(channel);
                listener = listeners == null ? null : listeners.get(job.path("id").asText());
            }
            if (listener == null) return;
            JsonNode o = job.path("overlay");
            overlay = o.isObject() ? Json.MAPPER.treeToValue(o, Overlay.class) : null;
        } catch (Exception e) {
            log.debug("an event this worker could not read: {}", e.getMessage());
            return;
        }
        listener.accept(overlay);
    }

    @Override
    public synchronized void close() {
        closed = true;
        subscriber.shutdownNow();
        byChannel.clear();
        if (connection != null) connection.closeAsync();
    }
}
