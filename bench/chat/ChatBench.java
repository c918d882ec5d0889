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
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** The run's stage timings, once the messages start (read by the timed chat sink). */
    static volatile Stages STAGES;
    /**
     * Seconds of messages ({@code WARMUP}) that warm the JITs of both JVMs before the measured ones;
     * delivered and checked like the rest, but out of the latency figures and of the "after warm-up"
     * CPU split. 10 rather than 3: with 3, both JVMs' C2 compilers were still at work through the
     * whole measured phase (8-11 CPU-s of the driver's ~30, 2-5 of the API's), a start-up cost a
     * long-running node has paid long before.
     */
    static final int WARMUP_SECONDS = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "10"));
    /**
     * The simulated Twitch's keepalive (Twitch allows 10–600 s). 30 s rather than the simulator's 10:
     * on a machine loaded by other work the driver's 250 EventSub sockets otherwise miss keepalives,
     * reconnect and lose the messages sent meanwhile at the simulated platform, which is not the
     * path this bench measures.
     */
    static final int SIM_KEEPALIVE_SECONDS = 30;
    /**
     * How a viewer's message reaches the simulated Twitch ({@code SIM_SEND}): {@code direct} (default)
     * calls the simulator on its event loop, which writes the EventSub frames at once; {@code post}
     * goes through {@code POST /sim/twitch/chat} as before. The POST is the harness's way to make a
     * viewer talk, not part of the path measured (on Twitch that happens on Twitch's machines), and
     * its HTTP client and server on the driver's cores cost more than the EventSub frame itself.
     */
    static final boolean SEND_BY_POST = "post".equals(System.getenv().getOrDefault("SIM_SEND", "direct"));
    /** Selector threads of the subscribers ({@code SUBSCRIBER_LOOPS}); the machine has two cores, shared with the API. */
    static final int SUBSCRIBER_LOOPS = Integer.parseInt(System.getenv().getOrDefault("SUBSCRIBER_LOOPS", "2"));
    /** Streams being opened at once ({@code OPEN_CONCURRENCY}); the rest wait for one of them to be replayed. */
    static final int OPEN_CONCURRENCY = Integer.parseInt(System.getenv().getOrDefault("OPEN_CONCURRENCY", "200"));

    /** The longest the driver may take beyond its measured seconds (setup, opening the streams, draining). */
    static final long DRIVER_SLACK_MS = 15 * 60_000;

    /**
     * Any failure ends the JVM with status 1 and one line saying what went wrong: Vert.x's and
     * Lettuce's non-daemon threads would otherwise keep a failed run alive forever, and run.sh
     * would wait on it.
     */
    public static void main(String[] args) {
        try {
            if (args[0].equals("service")) {
                service(Path.of(args[1]));
            } else {
                long limit = Integer.parseInt(args[5]) * 1000L + DRIVER_SLACK_MS;
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(limit);
                        fail("the driver ran longer than " + limit / 1000 + " s", null);
                    } catch (InterruptedException ignored) {
                        // the run ended in time
                    }
                }, "bench-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
                drive(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            }
        } catch (Throwable e) {
            fail(args[0] + " failed", e);
        }
    }

    static void fail(String what, Throwable e) {
        System.err.println("CHAT BENCH FAILED: " + what + (e == null ? "" : ": " + e));
        if (e != null) e.printStackTrace();
        System.err.flush();
        Runtime.getRuntime().halt(1);
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
        // The simulated platform (its HTTP server, EventSub sockets, the POSTs that make viewers talk and
        // their timer) on an event loop of its own, as if it were another machine; the subscribers on
        // SUBSCRIBER_LOOPS selector threads of their own (Subscribers). Sharing one
        // loop made the POSTs queue behind 10,000 streams' reads (seconds of latency before the
        // platform even sent the message).
        Vertx platform = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        platform.runOnContext(v -> ThreadCpu.label("simulated platform's loop"));
        Redis redis = Redis.connect(System.getenv("REDIS_URL"));
        SecretBox box = SecretBox.fromConfig(System.getenv("RESTREAM_SECRETS_KEY"), Files.createTempFile("k", "k"));
        Router router = Router.router(platform);
        SimChat simChat = new SimChat(platform, io.restream.sim.chat.SimAuth.ANY, () -> null, new SimChat.Options(SIM_KEEPALIVE_SECONDS, 1_000, true));
        simChat.mount(router);
        int simPort = platform.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        String sim = "http://127.0.0.1:" + simPort;
        ChatAdapters chat = ChatAdapters.forPlatforms(ChatEndpoints.simulator(sim));
        // The Twitch source as it is, its sink timed: when the aggregator got each message (see Stages).
        io.restream.platforms.port.ChatSource twitch = chat.source(Platform.TWITCH).orElseThrow();
        io.restream.platforms.port.ChatSource timed = (target, sink) -> twitch.open(target, new io.restream.platforms.port.ChatSink() {
            @Override
            public void comment(io.restream.core.model.Comment c) {
                Stages st = STAGES;
                if (st != null) st.received(c.message(), System.nanoTime());
                sink.comment(c);
            }

            @Override
            public void ended(String reason) {
                sink.ended(reason);
            }
        });
        ChatAdapters.Builder b = ChatAdapters.builder().put(Platform.TWITCH, timed, chat.sender(Platform.TWITCH).orElse(null),
                chat.viewers(Platform.TWITCH).orElse(null));
        PlatformAdapters adapters = PlatformAdapters.pastedOnly().withChat(b.build());

        String admin = System.getenv("RESTREAM_ADMIN_TOKEN");
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();
        String cid = post(jdk, api + "/api/v1/admin/clients", Map.of("Authorization", "Bearer " + admin), Map.of("name", "chat-bench")).get("id").toString();
        String key = post(jdk, api + "/api/v1/admin/clients/" + cid + "/keys", Map.of("Authorization", "Bearer " + admin),
                Map.of("type", "secret", "scopes", List.of("read"))).get("key").toString();
        ConnectionStore connections = new ConnectionStore(redis, box);
        JobStore jobs = new JobStore(redis);
        List<String> userIds = new ArrayList<>();
        long setupStart = System.nanoTime();
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
        waitUntil(() -> subscriptions(jdk, sim) >= users, 300_000, "aggregator subscribed to channels (of " + users + ")", () -> subscriptions(jdk, sim));
        System.out.printf("set-up: %d users with a connection and a running job; the aggregator subscribed to every channel after %.1f s%n",
                users, (System.nanoTime() - setupStart) / 1e9);

        int warmup = rate * WARMUP_SECONDS;
        Subscribers subs = new Subscribers(SUBSCRIBER_LOOPS, api, key, userIds, subsPerUser, warmup, BUCKETS, ChatBench::fail);
        int subscribers = subs.total();
        long openStart = System.nanoTime();
        subs.open(OPEN_CONCURRENCY);
        // The first WARMUP_SECONDS of messages warm the JITs of all three processes; they are
        // delivered and checked like the rest but left out of the latency figures.
        waitUntil(() -> subs.ready.get() >= subscribers, 600_000, "streams open and replayed (of " + subscribers + ")", subs.ready::get);
        double openSecs = (System.nanoTime() - openStart) / 1e9;
        System.out.printf("subscribers ready: %d (users %d x %d), opened %d at a time in %.1f s (%.0f streams/s), 503s retried: %d%n",
                subscribers, users, subsPerUser, OPEN_CONCURRENCY, openSecs, subscribers / openSecs, subs.retried503.get());

        int total = rate * (seconds + WARMUP_SECONDS);
        Stages stages = new Stages(redis, cid, userIds, total);
        STAGES = stages;
        subs.stages = stages;
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger sendFailures = new AtomicInteger();
        HttpClient simClient = platform.createHttpClient(new PoolOptions().setHttp1MaxSize(64));
        CountDownLatch done = new CountDownLatch(1);
        long servicePid = Long.parseLong(System.getenv().getOrDefault("SERVICE_PID", "0"));
        long serviceCpu0 = cpuMillis(servicePid);
        long driverCpu0 = cpuMillis(ProcessHandle.current().pid());
        ThreadCpu threads = new ThreadCpu();
        ProcThreads serviceThreads = new ProcThreads(servicePid);
        ProcThreads driverThreads = new ProcThreads(ProcessHandle.current().pid());
        // The same split again from the end of the warm-up: steady state, without the JITs' start.
        ProcThreads[] afterWarmup = new ProcThreads[2];
        long[] cpuAtWarmup = new long[2];
        Thread warmupMark = new Thread(() -> {
            try {
                Thread.sleep(WARMUP_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            cpuAtWarmup[0] = cpuMillis(servicePid);
            cpuAtWarmup[1] = cpuMillis(ProcessHandle.current().pid());
            afterWarmup[0] = new ProcThreads(servicePid);
            afterWarmup[1] = new ProcThreads(ProcessHandle.current().pid());
        }, "warmup-mark");
        warmupMark.setDaemon(true);
        warmupMark.start();
        long start = System.nanoTime();
        long periodMs = 5;
        int perTick = Math.max(1, (int) (rate * periodMs / 1000));
        platform.setPeriodic(periodMs, timer -> {
            // Catch up on the schedule so the rate holds even when a tick is late.
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L + perTick);
            while (sent.get() < due) {
                int seq = sent.getAndIncrement();
                String channel = Integer.toString(900_000 + seq % users);
                long sentNanos = System.nanoTime();
                stages.sent(seq, sentNanos);
                String author = "viewer" + seq % 97;
                String message = "b:" + seq + ":" + sentNanos;
                if (SEND_BY_POST) {
                    String body = Json.write(Map.of("author", author, "channel", channel, "message", message));
                    simClient.request(HttpMethod.POST, simPort, "127.0.0.1", "/sim/twitch/chat")
                            .compose(r -> r.send(Buffer.buffer(body))).onSuccess(r -> stages.answered(seq, System.nanoTime()))
                            .onFailure(e -> sendFailures.incrementAndGet());
                } else {
                    simChat.say("twitch", channel, author, message).onSuccess(id -> stages.answered(seq, System.nanoTime()))
                            .onFailure(e -> sendFailures.incrementAndGet());
                }
            }
            if (sent.get() >= total) {
                platform.cancelTimer(timer);
                done.countDown();
            }
        });
        done.await();
        double sendSecs = (System.nanoTime() - start) / 1e9;
        long expected = (long) total * subsPerUser;
        // Late is not lost: wait while deliveries still arrive (a backlog draining), and call lost
        // only what has not come after 10 s without any delivery.
        long lastCount = -1;
        long lastProgress = System.currentTimeMillis();
        while (subs.delivered.get() < expected && System.currentTimeMillis() - lastProgress < 10_000) {
            long now = subs.delivered.get();
            if (now != lastCount) {
                lastCount = now;
                lastProgress = System.currentTimeMillis();
            }
            Thread.sleep(50);
        }
        double allSecs = (System.nanoTime() - start) / 1e9;
        long driverCpu1 = cpuMillis(ProcessHandle.current().pid());
        long serviceCpu1 = cpuMillis(servicePid);
        System.out.printf("message phase (%.1f s incl. drain): CPU of the API %.1f s, of this driver (simulator, aggregator, subscribers) %.1f s%n",
                allSecs, (serviceCpu1 - serviceCpu0) / 1000.0, (driverCpu1 - driverCpu0) / 1000.0);

        threads.report();
        System.out.println(driverThreads.report("driver"));
        if (servicePid > 0) System.out.println(serviceThreads.report("API"));
        if (afterWarmup[1] != null) {
            System.out.printf("after the %d s warm-up (%.1f s incl. drain): CPU of the API %.1f s, of this driver %.1f s%n", WARMUP_SECONDS,
                    allSecs - WARMUP_SECONDS, (serviceCpu1 - cpuAtWarmup[0]) / 1000.0, (driverCpu1 - cpuAtWarmup[1]) / 1000.0);
            System.out.println("  " + afterWarmup[1].report("driver"));
            if (servicePid > 0) System.out.println("  " + afterWarmup[0].report("API"));
        }
        System.out.printf("messages sent: %d at %.1f msg/s (%.1f s); sends to the simulator that failed: %d%n",
                total, total / sendSecs, sendSecs, sendFailures.get());
        System.out.printf("deliveries: %d of %d expected (lost %d, duplicates %d), %.0f deliveries/s; streams dropped by the API: %d%n",
                subs.delivered.get(), expected, expected - subs.delivered.get(), subs.duplicates.get(), subs.delivered.get() / allSecs,
                subs.dropped.get());
        List<BitSet> logged = new ArrayList<>();
        long loggedCount = 0;
        io.restream.core.chat.ChatLog log = new io.restream.core.chat.ChatLog(redis);
        for (String uid : userIds) {
            BitSet in = new BitSet();
            for (var c : log.latest(new UserRef(cid, uid), 1000).toCompletableFuture().get()) {
                String m = c.comment().message();
                if (m.startsWith("b:")) in.set(Integer.parseInt(m.substring(2, m.indexOf(':', 2))));
            }
            loggedCount += in.cardinality();
            logged.add(in);
        }
        System.out.printf("messages that reached the chat log (simulator -> aggregator -> Redis): %d of %d; "
                + "deliveries of those missing at the subscribers (lost by the API): %d of %d%n",
                loggedCount, total, subs.missingOf(logged), loggedCount * subsPerUser);
        stages.report(log, warmup);
        // The API's own share: pub/sub message heard -> written to every stream of its user on a loop (last minute).
        try {
            String metrics = jdk.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            StringBuilder fanout = new StringBuilder();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("restream_sse_fanout_seconds{") || line.startsWith("restream_sse_fanout_seconds_max")
                        || line.startsWith("restream_sse_fanout_seconds_count")) {
                    String[] kv = line.split(" ");
                    String name = kv[0].contains("quantile=") ? "p" + kv[0].replaceAll(".*quantile=\"([0-9.]+)\".*", "$1")
                            : kv[0].endsWith("_max") ? "max" : "count";
                    double v = Double.parseDouble(kv[1]);
                    fanout.append(String.format(" %s %s;", name, name.equals("count") ? String.format("%.0f", v) : String.format("%.1f ms", v * 1000)));
                }
            }
            System.out.println("  API fan-out (restream_sse_fanout: heard on pub/sub -> written to the user's streams on a loop), last minute:" + fanout);
        } catch (Exception e) {
            System.out.println("  API fan-out: /metrics unreadable: " + e);
        }
        System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("latency platform->SSE (after %d s warm-up): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", WARMUP_SECONDS,
                pct(subs.histogram, 0.50), pct(subs.histogram, 0.90), pct(subs.histogram, 0.99), pct(subs.histogram, 0.999),
                pct(subs.histogram, 1.0));
        aggregator.close();
        for (String id : jobIds) jobs.transition(id, Set.of(JobStatus.RUNNING), JobStatus.STOPPED, Map.of()).toCompletableFuture().get();
        System.exit(0);
    }

    /** User + system CPU of a process from /proc (0 when unknown). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // fields 14 and 15, at 100 ticks/s
        } catch (Exception e) {
            return 0;
        }
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
        long start = System.currentTimeMillis();
        long end = start + ms;
        long nextReport = start + 10_000;
        while (!c.ok()) {
            long now = System.currentTimeMillis();
            if (now > end) throw new IllegalStateException("timed out after " + ms / 1000 + " s: " + what + ", reached " + progress.getAsInt());
            if (now >= nextReport && progress.getAsInt() >= 0) {
                System.out.printf("  %d s: %s: %d%n", (now - start) / 1000, what, progress.getAsInt());
                nextReport += 10_000;
            }
            Thread.sleep(100);
        }
    }
}
