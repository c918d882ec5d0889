package io.restream.service.hooks;

import io.lettuce.core.ScriptOutputType;
import io.restream.core.crypto.Tokens;
import io.restream.core.redis.LuaScript;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Webhook deliveries in Redis, so that a restart loses none and every API node can take part: one
 * hash per delivery (the signed body is fixed, so retries carry the same event id), a zset of when
 * each is next due, and a short log per webhook for the operator.
 *
 * <pre>
 * pending ──2xx──▶ delivered
 *    │ ▲
 *    └─┘ non-2xx / no answer in 10 s: due again after a pause (RetrySchedule)
 *    └──── 24 h after the first attempt ──▶ failed;  webhook deleted ──▶ cancelled
 * </pre>
 */
final class Deliveries {
    private static final LuaScript CLAIM = LuaScript.load(Deliveries.class, "claim.lua", ScriptOutputType.MULTI);
    static final int LOG_LENGTH = 200;
    /** Finished deliveries are kept this long for the log. */
    private static final long KEEP_SECONDS = 7 * 24 * 3600;

    private final Redis redis;

    Deliveries(Redis redis) {
        this.redis = redis;
    }

    /** Schedules the first attempt of {@code body} (the event) to {@code webhookId} now. Blocking. */
    void enqueue(String webhookId, String eventId, String type, String body, long now) {
        String id = Tokens.id("dly");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("webhook", webhookId);
        f.put("event", eventId);
        f.put("type", type);
        f.put("body", body);
        f.put("state", "pending");
        f.put("attempts", "0");
        f.put("createdAt", Long.toString(now));
        f.put("nextAt", Long.toString(now));
        redis.sync().hset(RedisKeys.webhookDelivery(id), f);
        redis.sync().expire(RedisKeys.webhookDelivery(id), KEEP_SECONDS);
        redis.sync().lpush(RedisKeys.webhookLog(webhookId), id);
        redis.sync().ltrim(RedisKeys.webhookLog(webhookId), 0, LOG_LENGTH - 1);
        redis.sync().zadd(RedisKeys.WEBHOOK_DUE, now, id);
    }

    /** Due deliveries, each now this node's for {@code leaseMs}. */
    CompletionStage<List<String>> claim(long now, long leaseMs, int max) {
        return CLAIM.<List<Object>>run(redis, new String[] {RedisKeys.WEBHOOK_DUE}, Long.toString(now), Long.toString(leaseMs), Integer.toString(max))
                .thenApply(ids -> ids.stream().map(String::valueOf).toList());
    }

    CompletionStage<Map<String, String>> get(String id) {
        return redis.async().hgetall(RedisKeys.webhookDelivery(id));
    }

    /** Records an attempt's outcome and schedules the next one (or gives up). */
    CompletionStage<Void> attempted(Map<String, String> d, int status, String error, long now) {
        String id = d.get("id");
        int attempts = Integer.parseInt(d.getOrDefault("attempts", "0")) + 1;
        long first = Long.parseLong(d.getOrDefault("firstAttemptAt", Long.toString(now)));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("attempts", Integer.toString(attempts));
        f.put("firstAttemptAt", Long.toString(first));
        f.put("lastAttemptAt", Long.toString(now));
        f.put("lastStatus", Integer.toString(status));
        f.put("lastError", error == null ? "" : error);
        boolean ok = status / 100 == 2;
        long next = ok ? -1 : RetrySchedule.next(attempts, first, now);
        f.put("state", ok ? "delivered" : next < 0 ? "failed" : "pending");
        f.put("nextAt", next < 0 ? "" : Long.toString(next));
        if (ok) f.put("deliveredAt", Long.toString(now));
        CompletionStage<?> schedule = next < 0 ? redis.async().zrem(RedisKeys.WEBHOOK_DUE, id) : redis.async().zadd(RedisKeys.WEBHOOK_DUE, next, id);
        return redis.async().hset(RedisKeys.webhookDelivery(id), f).thenCompose(n -> schedule).thenApply(n -> null);
    }

    /** The webhook is gone: nothing more to send. */
    CompletionStage<Void> cancel(String id) {
        return redis.async().hset(RedisKeys.webhookDelivery(id), Map.of("state", "cancelled", "nextAt", ""))
                .thenCompose(n -> redis.async().zrem(RedisKeys.WEBHOOK_DUE, id)).thenApply(n -> null);
    }

    /** The webhook's recent deliveries, newest first (their bodies stay in Redis). */
    CompletionStage<List<Map<String, Object>>> log(String webhookId, int limit) {
        return redis.async().lrange(RedisKeys.webhookLog(webhookId), 0, limit - 1L).thenCompose(ids -> {
            List<CompletableFuture<Map<String, String>>> reads = ids.stream().map(id -> get(id).toCompletableFuture()).toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Map<String, Object>> out = new ArrayList<>();
                for (var r : reads) if (r.join() != null && r.join().containsKey("id")) out.add(view(r.join()));
                return out;
            });
        });
    }

    private static Map<String, Object> view(Map<String, String> d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.get("id"));
        out.put("eventId", d.get("event"));
        out.put("type", d.get("type"));
        out.put("state", d.get("state"));
        out.put("attempts", Integer.parseInt(d.getOrDefault("attempts", "0")));
        out.put("lastStatus", number(d.get("lastStatus")));
        out.put("lastError", d.get("lastError") == null || d.get("lastError").isEmpty() ? null : d.get("lastError"));
        out.put("createdAt", number(d.get("createdAt")));
        out.put("lastAttemptAt", number(d.get("lastAttemptAt")));
        out.put("nextAttemptAt", number(d.get("nextAt")));
        out.put("deliveredAt", number(d.get("deliveredAt")));
        return out;
    }

    private static Long number(String s) {
        return s == null || s.isEmpty() ? null : Long.valueOf(s);
    }
}
