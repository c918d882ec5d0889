package io.restream.chat;

import io.restream.service.events.SseClient;
import com.fasterxml.jackson.databind.JsonNode;
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
import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Connection;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;
import io.restream.platforms.PlatformAdapters;
import io.restream.platforms.ChatAdapters;
import io.restream.platforms.ChatEndpoints;
import io.restream.service.ServiceConfig;
import io.restream.service.ServiceRole;
import io.restream.sim.chat.SimChat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Everything a chat test needs, real and in-process: the test Redis, the API ({@link ServiceRole}),
 * the simulator's chat parts on their own HTTP server, and chat aggregators pointed at it.
 */
final class ChatWorld implements AutoCloseable {
    /** The polling interval the simulated YouTube chat asks for. */
    static final long YOUTUBE_POLL_MS = 1_000;
    private static final String TEST_SECRETS_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    final String adminToken = "adm_" + Tokens.random(24);
    final Redis redis = TestRedis.connect();
    final Vertx vertx = Vertx.vertx();
    final SecretBox box;
    final ServiceRole api;
    final String apiBase;
    final String simBase;
    final PlatformAdapters adapters;
    final JobStore jobs;
    final ConnectionStore connections;
    private final HttpServer sim;
    private final List<ChatRole> aggregators = new ArrayList<>();
    private final List<String> jobIds = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ChatWorld() throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("RESTREAM_DATA_DIR", Files.createTempDirectory("restream-chat-test").toString());
        values.put("RESTREAM_HTTP_PORT", "0");
        values.put("RESTREAM_SANDBOX", "true");
        values.put("RESTREAM_RATE_LIMIT_BURST", "100000");
        values.put("RESTREAM_RATE_LIMIT_PER_SECOND", "100000");
        values.put("RESTREAM_HTTP_VERTICLES", "2");
        // Every world of a test run shares one Redis, so they share the secrets key too.
        values.put("RESTREAM_SECRETS_KEY", TEST_SECRETS_KEY);
        Settings settings = Settings.of(values);
        Problems problems = new Problems();
        CoreConfig core = CoreConfig.from(settings, problems);
        ServiceConfig config = ServiceConfig.from(settings, Secret.of(adminToken), problems);
        problems.throwIfAny();
        box = SecretBox.fromConfig(TEST_SECRETS_KEY, core.secretsKeyFile());
        jobs = new JobStore(redis);
        connections = new ConnectionStore(redis, box);

        String[] webhook = new String[1];
        Router router = Router.router(vertx);
        new SimChat(vertx, io.restream.sim.chat.SimAuth.ANY, () -> webhook[0], new SimChat.Options(2, YOUTUBE_POLL_MS, true)).mount(router);
        sim = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        simBase = "http://127.0.0.1:" + sim.actualPort();
        adapters = PlatformAdapters.pastedOnly().withChat(ChatAdapters.forPlatforms(ChatEndpoints.simulator(simBase)));
        api = new ServiceRole(config, core, redis, box, adapters, vertx);
        apiBase = "http://127.0.0.1:" + api.start();
        webhook[0] = apiBase + "/webhooks/kick";
    }

    ChatRole startAggregator(long leaseMs) {
        ChatRole role = new ChatRole(new ChatConfig("chat_" + Tokens.random(6), leaseMs, 200, 500), redis, box, adapters);
        role.start();
        aggregators.add(role);
        return role;
    }

    /** A user of a fresh client with a secret key, as headers for the API. */
    record User(UserRef ref, Map<String, String> headers) {}

    User newUser() {
        String clientId = call("POST", apiBase + "/api/v1/admin/clients", Map.of("Authorization", "Bearer " + adminToken),
                Map.of("name", "chat-" + Tokens.random(5))).json().get("id").asText();
        String key = call("POST", apiBase + "/api/v1/admin/clients/" + clientId + "/keys", Map.of("Authorization", "Bearer " + adminToken),
                Map.of("type", "secret", "scopes", List.of("connect", "restream", "read", "chat:write"))).json().get("key").asText();
        String userId = "u_" + Tokens.random(6);
        return new User(new UserRef(clientId, userId), Map.of("X-API-Key", key, "X-User-Id", userId));
    }

    /** Connects {@code platform} for the user as the platform account {@code platformUserId}. */
    void connect(User u, Platform platform, String platformUserId) throws Exception {
        connections.put(u.ref(), new Connection(platform.id(), platform, "acct" + platformUserId, platformUserId, System.currentTimeMillis(), false),
                new ConnectionSecrets(null, null, "tok_" + Tokens.random(12), "ref_" + Tokens.random(12), null, null, Map.of()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A running job of the user to {@code destinations}, with broadcast ids where given. */
    String runningJob(User u, List<String> destinations, Map<String, String> broadcastIds) throws Exception {
        String id = Tokens.id("job");
        jobs.create(new NewJob(id, u.ref(), "demo-chat", destinations, List.of("audio", "video"), null, false, null,
                System.currentTimeMillis())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<Broadcast> broadcasts = destinations.stream().map(d -> new Broadcast(d, Platform.ofConnectionId(d).orElseThrow(),
                BroadcastState.LIVE, null, broadcastIds.get(d), null, 0, null)).toList();
        jobs.updateBroadcasts(id, broadcasts).toCompletableFuture().get(5, TimeUnit.SECONDS);
        jobs.transition(id, Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        jobIds.add(id);
        return id;
    }

    void stopJob(String jobId) throws Exception {
        jobs.transition(jobId, Set.of(JobStatus.RUNNING, JobStatus.QUEUED), JobStatus.STOPPED, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    SseClient events(User u) throws Exception {
        return new SseClient(apiBase + "/api/v1/events", u.headers());
    }

    /** A viewer writes on {@code platform}; returns the platform's message id. */
    String say(String platform, String author, String message, boolean redeliver) {
        Map<String, Object> body = new HashMap<>(Map.of("author", author, "message", message, "redeliver", redeliver));
        return call("POST", simBase + "/sim/" + platform + "/chat", Map.of(), body).json().get("id").asText();
    }

    Res sim(String method, String path, Object body) {
        return call(method, simBase + path, Map.of(), body);
    }

    Res api(String method, String path, User u, Object body) {
        return call(method, apiBase + path, u.headers(), body);
    }

    /** A response with its JSON body. */
    record Res(int status, String text) {
        JsonNode json() { return text == null || text.isEmpty() ? null : Json.read(text, JsonNode.class); }
    }

    Res call(String method, String url, Map<String, String> headers, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
    }

    @Override
    public void close() {
        for (String id : jobIds) {
            try {
                stopJob(id); // so that the next test class's aggregators do not pick them up
            } catch (Exception e) {
                // best effort
            }
        }
        aggregators.forEach(ChatRole::close);
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        redis.close();
    }
}
