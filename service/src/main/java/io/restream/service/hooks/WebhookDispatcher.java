package io.restream.service.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.redis.LuaScript;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs webhooks on every API node. Two loops, both driven by one timer:
 *
 * <ol>
 *   <li>The feeder (one node at a time, by a lease): reads users' job and connection changes from
 *       the feed stream in order, turns them into events ({@link ChangeDetector}) with an id each,
 *       and schedules one delivery per subscribed webhook. Its cursor is in Redis, so a restart
 *       resumes where it stopped.</li>
 *   <li>The sender (every node): claims due deliveries ({@link Deliveries#claim}: each attempt is
 *       one node's), signs and POSTs them, and records the outcome, which schedules the retry.</li>
 * </ol>
 */
public final class WebhookDispatcher {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final LuaScript LEASE = LuaScript.load(WebhookDispatcher.class, "lease.lua", ScriptOutputType.INTEGER);
    static final long TICK_MS = 500;
    static final long FEED_LEASE_MS = 15_000;
    /** Longer than an attempt can take (connect + answer), so that a live node's attempt is never taken over. */
    static final long DELIVERY_LEASE_MS = 30_000;
    static final int MAX_IN_FLIGHT = 64;
    static final int FEED_BATCH = 200;
    static final int FEED_BATCHES_PER_TICK = 10;

    private final Vertx vertx;
    private final Redis redis;
    private final WebhookStore store;
    private final Deliveries deliveries;
    private final ChangeDetector detector;
    private final WebhookSender sender;
    private final String nodeId = Tokens.id("api");
    private final ExecutorService feedThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-feed");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean feeding = new AtomicBoolean();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    private long timer = -1;

    /** The dispatcher of one API node; URLs are checked with {@code guard} and may use {@code schemes}. */
    public static WebhookDispatcher create(Vertx vertx, Redis redis, io.restream.core.crypto.SecretBox box,
                                           io.restream.core.net.UrlGuard guard, java.util.Set<String> schemes) {
        return new WebhookDispatcher(vertx, redis, new WebhookStore(redis, box), new WebhookSender(vertx, guard, schemes));
    }

    WebhookDispatcher(Vertx vertx, Redis redis, WebhookStore store, WebhookSender sender) {
        this.vertx = vertx;
        this.redis = redis;
        this.store = store;
        this.deliveries = new Deliveries(redis);
        this.detector = new ChangeDetector(redis);
        this.sender = sender;
    }

    public void start() {
        timer = vertx.setPeriodic(TICK_MS, id -> tick());
    }

    private void tick() {
        if (closed) return;
        if (feeding.compareAndSet(false, true)) {
            feedThread.execute(() -> {
                try {
                    feedOnce();
                } catch (RuntimeException e) {
                    log.debug("webhook feed: {}", e.getMessage()); // e.g. Redis away: /readyz says so, no log flood
                } finally {
                    feeding.set(false);
                }
            });
        }
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (room > 0 && claiming.compareAndSet(false, true)) {
            Future.fromCompletionStage(deliveries.claim(System.currentTimeMillis(), DELIVERY_LEASE_MS, room), vertx.getOrCreateContext())
                    .onComplete(ar -> {
                        claiming.set(false);
                        if (ar.succeeded()) ar.result().forEach(this::attempt);
                        else log.debug("webhook claim failed: {}", ar.cause().getMessage());
                    });
        }
    }

    /** Blocking, on the feed thread: this node's share of turning changes into deliveries. */
    private void feedOnce() {
        Long held = LEASE.<Long>run(redis, new String[] {RedisKeys.WEBHOOK_FEED_LEASE}, nodeId, Long.toString(FEED_LEASE_MS))
                .toCompletableFuture().join();
        if (held == null || held != 1L) return;
        String cursor = redis.sync().get(RedisKeys.WEBHOOK_FEED_CURSOR);
        // A few batches per tick at most, well inside the lease, so that a backlog drains quickly.
        for (int round = 0; round < FEED_BATCHES_PER_TICK && !closed; round++) {
            List<StreamMessage<String, String>> batch = redis.sync().xread(XReadArgs.Builder.count(FEED_BATCH),
                    XReadArgs.StreamOffset.from(RedisKeys.WEBHOOK_FEED, cursor == null ? "0-0" : cursor));
            for (StreamMessage<String, String> m : batch) {
                if (closed) return;
                Map<String, String> f = m.getBody();
                try {
                    schedule(f.get("cid"), f.get("uid"), Json.read(f.get("event"), JsonNode.class));
                } catch (RuntimeException e) {
                    log.warn("webhook feed entry {} skipped: {}", m.getId(), e.getMessage());
                }
                cursor = m.getId();
                redis.sync().set(RedisKeys.WEBHOOK_FEED_CURSOR, cursor);
            }
            if (batch.size() < FEED_BATCH) return;
        }
    }

    private void schedule(String clientId, String userId, JsonNode event) {
        List<ChangeDetector.Change> changes = detector.changes(clientId, userId, event);
        if (changes.isEmpty()) return;
        List<Webhook> hooks = store.forClient(clientId).toCompletableFuture().join();
        for (ChangeDetector.Change c : changes) {
            long now = System.currentTimeMillis();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", Tokens.id("evt"));
            payload.put("type", c.type());
            payload.put("createdAt", now);
            payload.put("userId", userId);
            payload.put("data", c.data());
            String body = Json.write(payload);
            for (Webhook w : hooks) {
                if (w.wants(c.type())) deliveries.enqueue(w.id(), (String) payload.get("id"), c.type(), body, now);
            }
        }
    }

    /** One attempt of one claimed delivery, on the event loop. */
    private void attempt(String deliveryId) {
        inFlight.incrementAndGet();
        Future.fromCompletionStage(deliveries.get(deliveryId), vertx.getOrCreateContext()).compose(d -> {
            if (d == null || !"pending".equals(d.get("state"))) {
                return Future.fromCompletionStage(redis.async().zrem(RedisKeys.WEBHOOK_DUE, deliveryId)).<Void>mapEmpty();
            }
            return Future.fromCompletionStage(store.get(d.get("webhook")), vertx.getOrCreateContext()).compose(hook -> {
                if (hook.isEmpty()) return Future.fromCompletionStage(deliveries.cancel(deliveryId));
                String body = d.get("body");
                String signature = Signature.header(store.secret(hook.get()), System.currentTimeMillis() / 1000, body);
                return sender.send(hook.get().url(), signature, body).compose(outcome -> {
                    if (outcome.status() / 100 != 2) {
                        log.info("webhook {} delivery {} ({}): {}", hook.get().id(), deliveryId, d.get("type"), outcome.error());
                    }
                    return Future.fromCompletionStage(deliveries.attempted(d, outcome.status(), outcome.error(), System.currentTimeMillis()));
                });
            });
        }).onComplete(ar -> {
            inFlight.decrementAndGet();
            if (ar.failed()) log.warn("webhook delivery {}: {}", deliveryId, ar.cause().getMessage());
        });
    }

    /** Stops starting work; what is in flight is claimed and comes due again on another node if cut short. */
    public void close() {
        closed = true;
        if (timer >= 0) vertx.cancelTimer(timer);
        feedThread.shutdown();
        try {
            feedThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
