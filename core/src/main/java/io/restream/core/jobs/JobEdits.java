package io.restream.core.jobs;

import io.lettuce.core.ScriptOutputType;
import io.restream.core.json.Json;
import io.restream.core.model.ErrorInfo;
import io.restream.core.redis.LuaScript;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Live edits of a queued or running job (docs/API.md §4): its destinations, its title and
 * description, and what each platform answered to a title. Every edit is one atomic step on the
 * job's hash and is published as a {@code job} event; the worker running the job reconciles its
 * pushes with the stored destination list.
 */
public final class JobEdits {
    private static final LuaScript DESTINATIONS = LuaScript.load(JobEdits.class, "destinations.lua", ScriptOutputType.STATUS);
    private static final LuaScript METADATA = LuaScript.load(JobEdits.class, "metadata.lua", ScriptOutputType.STATUS);
    /** Job hash fields {@code metaerr:<destination>}: a platform refused the title (shown on that broadcast). */
    static final String METADATA_ERROR = "metaerr:";

    private final Redis redis;
    private final Function<String, CompletionStage<Void>> publish;

    JobEdits(Redis redis, Function<String, CompletionStage<Void>> publish) {
        this.redis = redis;
        this.publish = publish;
    }

    /**
     * Adds and removes destinations of a queued or running job in one atomic step and publishes the
     * change; adding one that is there or removing one that is not changes nothing. Ids must be
     * connection ids ({@code [a-z0-9:-]}).
     */
    public CompletionStage<EditOutcome> updateDestinations(String jobId, List<String> add, List<String> remove) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(add.size()));
        args.addAll(add);
        args.addAll(remove);
        return DESTINATIONS.<String>run(redis, new String[] {RedisKeys.job(jobId)}, args.toArray(String[]::new))
                .thenCompose(outcome -> switch (outcome) {
                    case "ok" -> publish.apply(jobId).thenApply(v -> EditOutcome.APPLIED);
                    case "same" -> CompletableFuture.completedFuture(EditOutcome.APPLIED);
                    default -> CompletableFuture.completedFuture(EditOutcome.ofScript(outcome));
                });
    }

    /** Sets the title and/or description (null = keep) of a queued or running job; publishes it. */
    public CompletionStage<EditOutcome> updateMetadata(String jobId, String title, String description) {
        List<String> args = new ArrayList<>();
        if (title != null) JobStore.addField(args, "title", title);
        if (description != null) JobStore.addField(args, "description", description);
        return METADATA.<String>run(redis, new String[] {RedisKeys.job(jobId)}, args.toArray(String[]::new))
                .thenCompose(outcome -> outcome.equals("ok")
                        ? publish.apply(jobId).thenApply(v -> EditOutcome.APPLIED)
                        : CompletableFuture.completedFuture(EditOutcome.ofScript(outcome)));
    }

    /**
     * Records whether each destination's platform took the title ({@code null} = it did): a refusal
     * shows as that broadcast's {@code error} and fails nothing else. Publishes the job.
     */
    public CompletionStage<Void> reportMetadata(String jobId, Map<String, ErrorInfo> byDestination) {
        Map<String, String> set = new java.util.LinkedHashMap<>();
        List<String> clear = new ArrayList<>();
        byDestination.forEach((d, e) -> { if (e == null) clear.add(METADATA_ERROR + d); else set.put(METADATA_ERROR + d, Json.write(e)); });
        String key = RedisKeys.job(jobId);
        CompletableFuture<?> a = set.isEmpty() ? CompletableFuture.completedFuture(0L) : redis.async().hset(key, set).toCompletableFuture();
        CompletableFuture<?> b = clear.isEmpty() ? CompletableFuture.completedFuture(0L) : redis.async().hdel(key, clear.toArray(String[]::new)).toCompletableFuture();
        return CompletableFuture.allOf(a, b).thenCompose(v -> publish.apply(jobId));
    }
}
