import io.restream.chat.ChatConfig;
import io.restream.chat.ChatRole;
import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.Secret;
import io.restream.core.crypto.SecretBox;
import io.restream.core.crypto.Tokens;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.json.Json;
import io.restream.core.model.Connection;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.platforms.ChatAdapters;
import io.restream.platforms.ChatEndpoints;
import io.restream.service.ServiceConfig;
import io.restream.service.ServiceRole;
import io.restream.sim.chat.SimChat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Chat latency from the platform to SSE subscribers. {@code service <portFile>} runs the API alone
 * (the process whose heap is measured); {@code drive <apiBase> <users> <subsPerUser> <msgsPerSec> <seconds>}
 * runs the simulated Twitch (EventSub WebSocket), one chat aggregator and the SSE subscribers, sends
 * viewer messages at the given total rate spread over the users, and reports delivery and latency.
 * Both read REDIS_URL, RESTREAM_SECRETS_KEY and RESTREAM_ADMIN_TOKEN from the environment.
 */
public final class ChatBench {
    /** Latency histogram: 0.1 ms buckets up to 20 s. */
    static final int BUCKETS = 200_000;
    static final int WARMUP_SECONDS = 3;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("service")) service(Path.of(args[1]));
        else drive(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
    }

    static void service(Path portFile) throws Exception {
        Settings s = Settings.fromEnvironment().with("RESTREAM_HTTP_PORT", "0").with("RESTREAM_SANDBOX", "true")
                .with("RESTREAM_RATE_LIMIT_BURST", "10000000").with("RESTREAM_RATE_LIMIT_PER_SECOND", "10000000");
        Problems problems = new Problems();
        CoreConfig core = CoreConfig.from(s, problems);
        ServiceConfig config = ServiceConfig.from(s, Secret.of(System.getenv("RESTREAM_ADMIN_TOKEN")), problems);
        problems.throwIfAny();
        Redis redis = Redis.connect(s.get("REDIS_URL").orElseThrow());
        SecretBox box = SecretBox.fromConfig(System.getenv("RESTREAM_SECRETS_KEY"), core.secretsKeyFile());
        ServiceRole role = new ServiceRole(config, core, redis, box, PlatformAdapters.pastedOnly(), null);
        int port = role.start();
        Files.writeString(portFile, Integer.toString(port));
        new CountDownLatch(1).await();
    }

    static void drive(String api, int users, int subsPerUser, int rate, int seconds) throws Exception {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.connect(System.getenv("REDIS_URL"));
        SecretBox box = SecretBox.fromConfig(System.getenv("RESTREAM_SECRETS_KEY"), Files.createTempFile("k", "k"));
        Router router = Router.router(vertx);
        new SimChat(vertx, io.restream.sim.chat.SimAuth.ANY, () -> null, new SimChat.Options(10, 1_000, true)).mount(router);
        int simPort = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        String sim = "http://127.0.0.1:" + simPort;
        PlatformAdapters adapters = PlatformAdapters.pastedOnly().withChat(ChatAdapters.forPlatforms(ChatEndpoints.simulator(sim)));

        String admin = System.getenv("RESTREAM_ADMIN_TOKEN");
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();
        String cid = post(jdk, api + "/api/v1/admin/clients", Map.of("Authorization", "Bearer " + admin), Map.of("name", "chat-bench")).get("id").toString();
        String key = post(jdk, api + "/api/v1/admin/clients/" + cid + "/keys", Map.of("Authorization", "Bearer " + admin),
                Map.of("type", "secret", "scopes", List.of("read"))).get("key").toString();
        ConnectionStore connections = new ConnectionStore(redis, box);
        JobStore jobs = new JobStore(redis);
        List<String> userIds = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String uid = "bench" + u;
            UserRef user = new UserRef(cid, uid);
            connections.put(user, new Connection("twitch", Platform.TWITCH, "b" + u, Integer.toString(900_000 + u), System.currentTimeMillis(), false),
                    new ConnectionSecrets(null, null, "tok", null, null, null, Map.of())).toCompletableFuture().get();
            String jobId = Tokens.id("job");
            jobs.create(new NewJob(jobId, user, "demo-bench", List.of("twitch"), List.of("audio", "video"), null, false, null,
                    System.currentTimeMillis())).toCompletableFuture().get();
            jobs.transition(jobId, Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of()).toCompletableFuture().get();
            userIds.add(uid);
            jobIds.add(jobId);
        }
        ChatRole aggregator = new ChatRole(new ChatConfig("chat_bench", 10_000, 500, 10_000), redis, box, adapters);
        aggregator.start();
        waitUntil(() -> subscriptions(jdk, sim) >= users, 60_000, "aggregator subscribed to every channel");

        AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        int warmup = rate * WARMUP_SECONDS;
        AtomicLong delivered = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicInteger ready = new AtomicInteger();
        List<BitSet> seen = new ArrayList<>();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(users * subsPerUser + 10));
        URI base = URI.create(api);
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < subsPerUser; k++) {
                BitSet mine = new BitSet();
                seen.add(mine);
                RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                        .setURI("/api/v1/events").putHeader("X-API-Key", key).putHeader("X-User-Id", userIds.get(u))
                        .setIdleTimeout(0);
                client.request(o).compose(req -> req.send()).onSuccess(res -> {
                    // Parsed as bytes, without building strings: 1,000 clients in this process must
                    // keep up with 200,000 events a second on the same two cores as the API.
                    byte[][] carry = {new byte[0]};
                    boolean[] counted = {false};
                    res.handler(buf -> {
                        long now = System.nanoTime();
                        byte[] chunk = buf.getBytes();
                        byte[] data = carry[0].length == 0 ? chunk : concat(carry[0], chunk);
                        int end = lastNewline(data) + 1;
                        if (!counted[0] && indexOf(data, CONNECTIONS, 0, end) >= 0) {
                            counted[0] = true;
                            ready.incrementAndGet();
                        }
                        int at = 0;
                        while ((at = indexOf(data, MESSAGE, at, end)) >= 0) {
                            int p = at + MESSAGE.length;
                            int seq = 0;
                            while (data[p] != ':') seq = seq * 10 + (data[p++] - '0');
                            p++;
                            long sentNanos = 0;
                            boolean negative = data[p] == '-';
                            if (negative) p++;
                            while (data[p] != '"') sentNanos = sentNanos * 10 + (data[p++] - '0');
                            if (negative) sentNanos = -sentNanos;
                            if (mine.get(seq)) {
                                duplicates.incrementAndGet();
                            } else {
                                mine.set(seq);
                                delivered.incrementAndGet();
                                if (seq >= warmup) histogram.incrementAndGet((int) Math.min(BUCKETS - 1, Math.max(0, now - sentNanos) / 100_000));
                            }
                            at = p;
                        }
                        carry[0] = java.util.Arrays.copyOfRange(data, end, data.length);
                    });
                }).onFailure(e -> System.err.println("subscriber failed: " + e));
            }
        }
        int subscribers = users * subsPerUser;
        // The first WARMUP_SECONDS of messages warm the JITs of all three processes; they are
        // delivered and checked like the rest but left out of the latency figures.
        waitUntil(() -> ready.get() >= subscribers, 300_000, "all subscribers connected (" + subscribers + ")", ready::get);
        System.out.printf("subscribers ready: %d (users %d x %d)%n", subscribers, users, subsPerUser);

        int total = rate * (seconds + WARMUP_SECONDS);
        AtomicInteger sent = new AtomicInteger();
        HttpClient simClient = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(64));
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        long periodMs = 5;
        int perTick = Math.max(1, (int) (rate * periodMs / 1000));
        vertx.setPeriodic(periodMs, timer -> {
            // Catch up on the schedule so the rate holds even when a tick is late.
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L + perTick);
            while (sent.get() < due) {
                int seq = sent.getAndIncrement();
                String channel = Integer.toString(900_000 + seq % users);
                String body = Json.write(Map.of("author", "viewer" + seq % 97, "channel", channel, "message", "b:" + seq + ":" + System.nanoTime()));
                simClient.request(HttpMethod.POST, simPort, "127.0.0.1", "/sim/twitch/chat")
                        .compose(r -> r.send(Buffer.buffer(body))).onFailure(e -> System.err.println("send failed: " + e));
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(timer);
                done.countDown();
            }
        });
        done.await();
        double sendSecs = (System.nanoTime() - start) / 1e9;
        long expected = (long) total * subsPerUser;
        long waitStart = System.currentTimeMillis();
        while (delivered.get() < expected && System.currentTimeMillis() - waitStart < 15_000) Thread.sleep(50);
        double allSecs = (System.nanoTime() - start) / 1e9;

        System.out.printf("messages sent: %d at %.1f msg/s (%.1f s)%n", total, total / sendSecs, sendSecs);
        System.out.printf("deliveries: %d of %d expected (lost %d, duplicates %d), %.0f deliveries/s%n",
                delivered.get(), expected, expected - delivered.get(), duplicates.get(), delivered.get() / allSecs);
        System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("latency platform->SSE (after %d s warm-up): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", WARMUP_SECONDS,
                pct(histogram, 0.50), pct(histogram, 0.90), pct(histogram, 0.99), pct(histogram, 0.999), pct(histogram, 1.0));
        aggregator.close();
        for (String id : jobIds) jobs.transition(id, Set.of(JobStatus.RUNNING), JobStatus.STOPPED, Map.of()).toCompletableFuture().get();
        System.exit(0);
    }

    static final byte[] MESSAGE = "\"message\":\"b:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] CONNECTIONS = "event: connections".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int lastNewline(byte[] d) {
        for (int i = d.length - 1; i >= 0; i--) if (d[i] == '\n') return i;
        return -1;
    }

    static int indexOf(byte[] d, byte[] pat, int from, int end) {
        outer:
        for (int i = from; i <= end - pat.length; i++) {
            if (d[i] != pat[0]) continue;
            for (int k = 1; k < pat.length; k++) if (d[i + k] != pat[k]) continue outer;
            return i;
        }
        return -1;
    }

    static double pct(AtomicLongArray h, double p) {
        long total = 0;
        for (int i = 0; i < h.length(); i++) total += h.get(i);
        long want = (long) Math.ceil(total * p);
        long acc = 0;
        for (int i = 0; i < h.length(); i++) {
            acc += h.get(i);
            if (acc >= want && acc > 0) return (i + 1) / 10.0;
        }
        return 0;
    }

    static int subscriptions(java.net.http.HttpClient jdk, String sim) {
        try {
            var res = jdk.send(HttpRequest.newBuilder(URI.create(sim + "/sim/twitch/eventsub/sessions")).build(), HttpResponse.BodyHandlers.ofString());
            int n = 0;
            for (var s : Json.MAPPER.readTree(res.body())) n += s.get("subscriptions").asInt();
            return n;
        } catch (Exception e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> post(java.net.http.HttpClient jdk, String url, Map<String, String> headers, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        headers.forEach(b::header);
        return Json.read(jdk.send(b.build(), HttpResponse.BodyHandlers.ofString()).body(), Map.class);
    }

    interface Check { boolean ok() throws Exception; }

    static void waitUntil(Check c, long ms, String what) throws Exception {
        waitUntil(c, ms, what, () -> -1);
    }

    static void waitUntil(Check c, long ms, String what, java.util.function.IntSupplier progress) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!c.ok()) {
            if (System.currentTimeMillis() > end) throw new IllegalStateException("timed out: " + what + ", reached " + progress.getAsInt());
            Thread.sleep(100);
        }
    }
}
