package io.restream.core.jobs;

import io.lettuce.core.ScriptOutputType;
import io.restream.core.events.UserEvents;
import io.restream.core.json.Json;
import io.restream.core.model.Broadcast;
import io.restream.core.model.ErrorInfo;
import io.restream.core.model.JobStats;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.Platform;
import io.restream.core.model.SourceStatus;
import io.restream.core.model.UserRef;
import io.restream.core.redis.LuaScript;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Jobs in Redis: one hash per job ({@link RedisKeys#job}), the user's current pointer, the queue
 * stream, and the atomic scripts that keep "one live job per user" true under concurrency. Every
 * change is published as a {@code job} event.
 *
 * <p>Cluster-safe: each script touches only keys of one slot (the user's and their jobs'; job ids
 * from {@link RedisKeys#newJobId} carry the user's slot). The global queue and indexes
 * ({@code rs:jobs}, {@code rs:active}, {@code rs:alljobs}) are written by separate commands around
 * the scripts, in an order where a crash leaves at worst a stale index entry, which
 * {@link #claim} and the readers tolerate and tidy.
 */
public final class JobStore {
    private static final LuaScript GO_LIVE = LuaScript.load(JobStore.class, "golive.lua", ScriptOutputType.MULTI);
    private static final LuaScript STOP = LuaScript.load(JobStore.class, "stop.lua", ScriptOutputType.STATUS);
    private static final LuaScript TRANSITION = LuaScript.load(JobStore.class, "transition.lua", ScriptOutputType.MULTI);
    private static final LuaScript OVERLAY = LuaScript.load(JobStore.class, "overlay.lua", ScriptOutputType.STATUS);
    private static final LuaScript CLAIM = LuaScript.load(JobStore.class, "claim.lua", ScriptOutputType.STATUS);
    private static final LuaScript RENEW = LuaScript.load(JobStore.class, "renew.lua", ScriptOutputType.INTEGER);

    /**
     * What a released lease holds (for {@link #RELEASED_MS}): a value no worker id takes, so that a
     * handed-back job is told apart from one whose lease lapsed (see {@code renew.lua}).
     */
    static final String RELEASED = "(released)";
    static final long RELEASED_MS = 60_000;

    private final Redis redis;
    private final UserEvents events;
    private final JobEdits edits;

    public JobStore(Redis redis) {
        this.redis = redis;
        this.events = new UserEvents(redis);
        this.edits = new JobEdits(redis, this::publishJob);
    }

    /** Live edits of a queued or running job: destinations, title and description. */
    public JobEdits edits() {
        return edits;
    }

    /** Creates the job queue's consumer group (from the start of the stream) if it does not exist. */
    public CompletionStage<Void> ensureQueue() {
        return redis.async().xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from(RedisKeys.JOB_QUEUE, "0"),
                        RedisKeys.WORKERS_GROUP, io.lettuce.core.XGroupCreateArgs.Builder.mkstream())
                .handle((ok, error) -> {
                    if (error != null && !String.valueOf(error.getMessage()).contains("BUSYGROUP")) {
                        throw new java.util.concurrent.CompletionException(error);
                    }
                    return null;
                });
    }

    /** The result of a goLive: the new job, and the id of the job it superseded (or null). */
    public record Created(StoredJob job, String supersededId) {}

    /**
     * Creates the job, superseding the user's active one, in one atomic step on the user's slot;
     * indexes and queues it; publishes both.
     */
    public CompletionStage<Created> create(NewJob spec) {
        List<String> args = new ArrayList<>(List.of(spec.id(), Long.toString(spec.createdAt()), RedisKeys.JOB_KEY_PREFIX));
        addField(args, "cid", spec.user().clientId());
        addField(args, "uid", spec.user().userId());
        addField(args, "psid", spec.publisherSessionId());
        addField(args, "destinations", Json.write(spec.destinations()));
        addField(args, "trackNames", Json.write(spec.trackNames()));
        addField(args, "recording", Boolean.toString(spec.recording()));
        addField(args, "createdAt", Long.toString(spec.createdAt()));
        addField(args, "status", JobStatus.QUEUED.id());
        addField(args, "broadcasts", Json.write(spec.destinations().stream()
                .map(d -> Broadcast.pending(d, Platform.ofConnectionId(d).orElse(Platform.CUSTOM))).toList()));
        if (spec.overlay() != null) addField(args, "overlay", Json.write(spec.overlay()));
        if (spec.ingestSealed() != null) addField(args, "ingest", spec.ingestSealed());
        if (spec.title() != null) addField(args, "title", spec.title());
        if (spec.description() != null) addField(args, "description", spec.description());
        String[] keys = {RedisKeys.current(spec.user()), RedisKeys.job(spec.id())};
        String id = spec.id();
        var async = redis.async();
        // Indexed before the job exists (readers skip ids without a job), queued after: a crash in
        // between leaves an active, unleased job, which a worker's orphan scan takes.
        CompletionStage<?> indexed = async.sadd(RedisKeys.ACTIVE_JOBS, id)
                .thenCombine(async.zadd(RedisKeys.ALL_JOBS, spec.createdAt(), id), (a, b) -> null);
        return indexed.thenCompose(v -> GO_LIVE.<List<Object>>run(redis, keys, args.toArray(String[]::new)))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        async.srem(RedisKeys.ACTIVE_JOBS, id);
                        async.zrem(RedisKeys.ALL_JOBS, id);
                    }
                })
                .thenCompose(result -> {
                    String superseded = String.valueOf(result.get(0));
                    String previous = superseded.isEmpty() ? null : superseded;
                    CompletionStage<?> unindexOld = "stopped".equals(String.valueOf(result.get(1)))
                            ? async.srem(RedisKeys.ACTIVE_JOBS, previous) : CompletableFuture.completedFuture(null);
                    return unindexOld.thenCompose(x -> async.xadd(RedisKeys.JOB_QUEUE,
                                    io.lettuce.core.XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "job", id))
                            .thenCompose(x -> previous == null ? CompletableFuture.completedFuture(null) : publishJob(previous))
                            .thenCompose(ignored -> get(id))
                            .thenCompose(job -> publish(job.orElseThrow()).thenApply(v -> new Created(job.get(), previous)));
                });
    }

    public CompletionStage<Optional<StoredJob>> get(String jobId) {
        return redis.async().hgetall(RedisKeys.job(jobId)).thenApply(fields -> JobHash.decode(jobId, fields));
    }

    /** The user's newest job, active or not. */
    public CompletionStage<Optional<StoredJob>> current(UserRef user) {
        return redis.async().get(RedisKeys.current(user)).thenCompose(id ->
                id == null ? CompletableFuture.completedFuture(Optional.<StoredJob>empty()) : get(id));
    }

    /** A user's stop; see {@link StopOutcome}. */
    public CompletionStage<StopOutcome> stop(String jobId, long now) {
        String[] keys = {RedisKeys.job(jobId)};
        return STOP.<String>run(redis, keys, jobId, Long.toString(now)).thenCompose(outcome -> {
            StopOutcome result = StopOutcome.valueOf(outcome.toUpperCase());
            if (result == StopOutcome.STOPPED) return unindex(jobId).thenCompose(v -> publishJob(jobId)).thenApply(v -> result);
            boolean changed = result == StopOutcome.STOPPING || result == StopOutcome.STOPPED;
            return changed ? publishJob(jobId).thenApply(v -> result) : CompletableFuture.completedFuture(result);
        });
    }

    /** Merges {@code patch} into the overlay of an active job; retries when another PATCH raced it. */
    public CompletionStage<OverlayOutcome> patchOverlay(String jobId, Overlay patch) {
        return redis.async().hget(RedisKeys.job(jobId), "overlay").thenCompose(stored -> {
            Overlay base = stored == null ? Overlay.EMPTY : Json.read(stored, Overlay.class);
            String merged = Json.write(base.merge(patch));
            return OVERLAY.<String>run(redis, new String[] {RedisKeys.job(jobId)}, merged, stored == null ? "" : stored);
        }).thenCompose(outcome -> switch (outcome) {
            case "ok" -> publishJob(jobId).thenApply(v -> OverlayOutcome.APPLIED);
            case "conflict" -> patchOverlay(jobId, patch);
            case "inactive" -> CompletableFuture.completedFuture(OverlayOutcome.INACTIVE);
            case "superseded" -> CompletableFuture.completedFuture(OverlayOutcome.SUPERSEDED);
            default -> CompletableFuture.completedFuture(OverlayOutcome.NOT_FOUND);
        });
    }

    /**
     * Moves a job to {@code to} if its status is one of {@code from}, setting {@code fields} too
     * (terminal statuses also set {@code endedAt}). Returns whether it changed.
     */
    public CompletionStage<Boolean> transition(String jobId, Collection<JobStatus> from, JobStatus to, Map<String, String> fields) {
        List<String> args = new ArrayList<>(List.of(jobId, to.id(),
                from.stream().map(JobStatus::id).collect(Collectors.joining(","))));
        fields.forEach((k, v) -> addField(args, k, v));
        if (to.isTerminal() && !fields.containsKey("endedAt")) addField(args, "endedAt", Long.toString(System.currentTimeMillis()));
        if (to == JobStatus.RUNNING && !fields.containsKey("startedAt")) addField(args, "startedAt", Long.toString(System.currentTimeMillis()));
        String[] keys = {RedisKeys.job(jobId)};
        return TRANSITION.<List<Object>>run(redis, keys, args.toArray(String[]::new)).thenCompose(result -> {
            boolean changed = ((Long) result.get(0)) == 1L;
            if (!changed) return CompletableFuture.completedFuture(false);
            CompletionStage<?> unindexed = to.isActive() ? CompletableFuture.completedFuture(null) : unindex(jobId);
            return unindexed.thenCompose(v -> publishJob(jobId)).thenApply(v -> true);
        });
    }

    /** Fields for {@link #transition} that record a failure. */
    public static Map<String, String> errorField(String code, String message) {
        return Map.of("error", Json.write(new ErrorInfo(code, message)));
    }

    public CompletionStage<Void> updateBroadcasts(String jobId, List<Broadcast> broadcasts) {
        return setAndPublish(jobId, "broadcasts", Json.write(broadcasts));
    }

    /** The worker's view of the job's source ({@code job.source}). */
    public CompletionStage<Void> updateSource(String jobId, SourceStatus source) {
        return setAndPublish(jobId, "source", Json.write(source));
    }

    /** What a worker polls of a job it runs, in one round trip; empty when the job is gone. */
    public CompletionStage<Optional<JobControl>> control(String jobId) {
        return redis.async().hmget(RedisKeys.job(jobId), "status", "overlay", "destinations").thenApply(values -> {
            String status = values.get(0).getValueOrElse(null);
            if (status == null) return Optional.<JobControl>empty();
            String overlay = values.get(1).getValueOrElse(null);
            String destinations = values.get(2).getValueOrElse(null);
            return Optional.of(new JobControl(JobStatus.of(status), overlay == null ? null : Json.read(overlay, Overlay.class),
                    destinations == null ? List.of() : Json.read(destinations, JobHash.STRINGS)));
        });
    }

    public CompletionStage<Void> updateStats(String jobId, JobStats stats) {
        return setAndPublish(jobId, "stats", Json.write(stats));
    }

    /** A worker's periodic update of a running job: stats and {@code broadcasts[]} in one write and one event. */
    public CompletionStage<Void> updateStatsAndBroadcasts(String jobId, JobStats stats, List<Broadcast> broadcasts) {
        return redis.async().hset(RedisKeys.job(jobId), Map.of("stats", Json.write(stats), "broadcasts", Json.write(broadcasts)))
                .thenCompose(n -> publishJob(jobId));
    }

    /** Claims an active job for {@code workerId} with a lease; empty when gone or leased to another. */
    public CompletionStage<Optional<StoredJob>> claim(String jobId, String workerId, long leaseMs) {
        String[] keys = {RedisKeys.job(jobId), RedisKeys.lease(jobId)};
        return CLAIM.<String>run(redis, keys, workerId, Long.toString(leaseMs), RELEASED).thenCompose(outcome -> switch (outcome) {
            // A finished job still in the index (its writer died before unindexing it): tidy up.
            case "gone" -> unindex(jobId).thenApply(v -> Optional.<StoredJob>empty());
            case "missing", "taken" -> CompletableFuture.completedFuture(Optional.<StoredJob>empty());
            default -> get(jobId);
        });
    }

    /**
     * Renews the lease (or takes it back when it lapsed and nobody else took it); false when
     * {@code workerId} no longer holds it.
     */
    public CompletionStage<Boolean> renewLease(String jobId, String workerId, long leaseMs) {
        return RENEW.<Long>run(redis, new String[] {RedisKeys.lease(jobId)}, workerId, Long.toString(leaseMs), RELEASED, "0")
                .thenApply(n -> n == 1L);
    }

    /** Gives the job back (e.g. at shutdown) so that another worker may take it over at once. */
    public CompletionStage<Boolean> releaseLease(String jobId, String workerId) {
        return RENEW.<Long>run(redis, new String[] {RedisKeys.lease(jobId)}, workerId, "0", RELEASED, Long.toString(RELEASED_MS))
                .thenApply(n -> n == 1L);
    }

    /** Whether any worker holds the job's lease right now (a released lease is held by nobody). */
    public CompletionStage<Boolean> isLeased(String jobId) {
        return leaseState(jobId).thenApply(s -> s == LeaseState.HELD);
    }

    /** Whose a job's lease is: a worker's, given back by its worker, or nobody's (lapsed or never taken). */
    public enum LeaseState { HELD, RELEASED, NONE }

    public CompletionStage<LeaseState> leaseState(String jobId) {
        return redis.async().get(RedisKeys.lease(jobId)).thenApply(holder ->
                holder == null ? LeaseState.NONE : holder.equals(RELEASED) ? LeaseState.RELEASED : LeaseState.HELD);
    }

    /** Ids of queued, running and stopping jobs. */
    public CompletionStage<List<String>> activeIds() {
        return redis.async().smembers(RedisKeys.ACTIVE_JOBS).thenApply(List::copyOf);
    }

    /** The newest jobs across all clients (at most {@code limit}), optionally of one status. */
    public CompletionStage<List<StoredJob>> listAll(Optional<JobStatus> status, int limit) {
        return redis.async().zrevrange(RedisKeys.ALL_JOBS, 0, Math.max(0, limit - 1)).thenCompose(ids -> {
            List<CompletableFuture<Optional<StoredJob>>> reads = ids.stream()
                    .map(id -> get(id).toCompletableFuture()).toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> reads.stream()
                    .map(CompletableFuture::join).flatMap(Optional::stream)
                    .filter(j -> status.isEmpty() || j.job().status() == status.get())
                    .toList());
        });
    }

    /** Drops a job that is no longer active from the active index (a global key, so not in its scripts). */
    private CompletionStage<Void> unindex(String jobId) {
        return redis.async().srem(RedisKeys.ACTIVE_JOBS, jobId).thenApply(n -> null);
    }

    private CompletionStage<Void> setAndPublish(String jobId, String field, String value) {
        return redis.async().hset(RedisKeys.job(jobId), field, value).thenCompose(n -> publishJob(jobId));
    }

    private CompletionStage<Void> publishJob(String jobId) {
        return get(jobId).thenCompose(job -> job.map(this::publish).orElse(CompletableFuture.completedFuture(null)));
    }

    private CompletionStage<Void> publish(StoredJob job) {
        return events.publish(job.user(), UserEvents.JOB, job.job()).thenApply(n -> null);
    }

    static void addField(List<String> args, String name, String value) {
        args.add(name);
        args.add(value);
    }
}
