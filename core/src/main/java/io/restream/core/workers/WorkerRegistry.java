package io.restream.core.workers;

import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Live workers: each heartbeats {@code rs:worker:{id}} (a hash with a TTL) and its job set; a
 * worker that stops heartbeating disappears by itself.
 */
public final class WorkerRegistry {
    /** A worker missing heartbeats for this long is gone. */
    public static final long DEFAULT_TTL_MS = 15_000;

    private final Redis redis;

    public WorkerRegistry(Redis redis) {
        this.redis = redis;
    }

    public CompletionStage<Void> heartbeat(String workerId, String host, long startedAt, List<String> jobs, long now) {
        String key = RedisKeys.worker(workerId);
        String jobsKey = RedisKeys.workerJobs(workerId);
        var async = redis.async();
        var writes = List.of(
                async.hset(key, Map.of("id", workerId, "host", host, "startedAt", Long.toString(startedAt),
                        "lastHeartbeatAt", Long.toString(now))).toCompletableFuture(),
                async.pexpire(key, DEFAULT_TTL_MS).toCompletableFuture(),
                async.del(jobsKey).thenCompose(n -> jobs.isEmpty()
                        ? CompletableFuture.completedFuture(0L)
                        : async.sadd(jobsKey, jobs.toArray(String[]::new))).toCompletableFuture(),
                async.pexpire(jobsKey, DEFAULT_TTL_MS).toCompletableFuture(),
                async.sadd(RedisKeys.WORKERS, workerId).toCompletableFuture());
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    public CompletionStage<Void> remove(String workerId) {
        var async = redis.async();
        return CompletableFuture.allOf(
                async.del(RedisKeys.worker(workerId), RedisKeys.workerJobs(workerId)).toCompletableFuture(),
                async.srem(RedisKeys.WORKERS, workerId).toCompletableFuture());
    }

    /** Every worker that heartbeated within the TTL; forgets the ones that did not. */
    public CompletionStage<List<WorkerInfo>> list() {
        var async = redis.async();
        return async.smembers(RedisKeys.WORKERS).thenCompose(ids -> {
            List<CompletableFuture<WorkerInfo>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(async.hgetall(RedisKeys.worker(id)).thenCombine(async.smembers(RedisKeys.workerJobs(id)),
                        (h, jobs) -> {
                            if (h == null || h.isEmpty()) {
                                async.srem(RedisKeys.WORKERS, id);
                                return null;
                            }
                            return new WorkerInfo(id, h.get("host"), Long.parseLong(h.get("startedAt")),
                                    Long.parseLong(h.get("lastHeartbeatAt")), jobs.stream().sorted().toList());
                        }).toCompletableFuture());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> reads.stream()
                    .map(CompletableFuture::join).filter(w -> w != null).toList());
        });
    }
}
