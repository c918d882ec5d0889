package io.restream.core.chat;

import io.restream.core.events.UserEvents;
import io.restream.core.json.Json;
import io.restream.core.model.UserRef;
import io.restream.core.model.Viewers;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The viewer counts of a user's live job: the hash {@code rs:viewers:{cid:uid}} with the job id
 * they belong to and the {@link Viewers} JSON. Every change is published as a {@code viewers}
 * event. Counts of any job other than the user's current live one are not the user's viewers.
 */
public final class ViewerStore {
    /** Counts vanish if nobody refreshes them (the aggregator that polled them is gone). */
    public static final long TTL_MS = 5 * 60 * 1000L;

    private final Redis redis;
    private final UserEvents events;

    public ViewerStore(Redis redis) {
        this.redis = redis;
        this.events = new UserEvents(redis);
    }

    /** Counts of one job as last stored. */
    public record JobViewers(String jobId, Viewers viewers) {}

    public CompletionStage<Void> put(UserRef user, String jobId, Viewers viewers) {
        String key = RedisKeys.viewers(user);
        return redis.async().hset(key, Map.of("job", jobId, "viewers", Json.write(viewers)))
                .thenCompose(n -> redis.async().pexpire(key, TTL_MS))
                .thenCompose(ok -> events.publish(user, UserEvents.VIEWERS, viewers))
                .thenApply(n -> null);
    }

    public CompletionStage<Optional<JobViewers>> get(UserRef user) {
        return redis.async().hgetall(RedisKeys.viewers(user)).thenApply(f -> {
            if (f == null || !f.containsKey("job") || !f.containsKey("viewers")) return Optional.<JobViewers>empty();
            return Optional.of(new JobViewers(f.get("job"), Json.read(f.get("viewers"), Viewers.class)));
        });
    }

    /** Forgets the counts of {@code jobId} (it stopped) and tells subscribers the user has none. */
    public CompletionStage<Void> clear(UserRef user, String jobId, long now) {
        return get(user).thenCompose(current -> {
            if (current.isEmpty() || !current.get().jobId().equals(jobId)) {
                return java.util.concurrent.CompletableFuture.<Void>completedFuture(null);
            }
            return redis.async().del(RedisKeys.viewers(user))
                    .thenCompose(n -> events.publish(user, UserEvents.VIEWERS, Viewers.none(now)))
                    .thenApply(n -> null);
        });
    }
}
