package io.restream.sdk;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restream.app.Launcher;
import io.restream.app.Role;
import io.restream.app.RunningApp;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.Tokens;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;
import io.restream.core.testing.TestSecrets;
import io.restream.testkit.TestSettings;
import io.restream.platforms.OAuthConfig;
import io.restream.sim.PlatformSimulator;
import io.restream.sim.SimConfig;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The product in sandbox shape for the SDK's integration tests, one per test JVM: the platform
 * simulator, a worker and a chat aggregator in this JVM, and the API as its own process (the
 * launcher's {@code service} role) on a fixed port and data dir, so that a test can restart it.
 * Everything talks over loopback HTTP/RTMP and one Redis, with the one test secrets key, as in a deployment.
 */
final class Sandbox {
    static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox shared;

    final String adminToken = "adm_" + Tokens.random(24);
    final PlatformSimulator sim;
    final Path dataDir;
    final int port;
    final String apiBase;
    final String redisUrl = TestRedis.url();
    private final Redis redis;
    private final List<RunningApp> roles = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process api;
    private int apiStarts;

    /** The JVM's sandbox, started on first use and stopped when the JVM ends. */
    static synchronized Sandbox get() {
        if (shared == null) {
            shared = new Sandbox();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private Sandbox() {
        try {
            dataDir = Files.createTempDirectory("restream-sdk-sandbox");
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        apiBase = "http://127.0.0.1:" + port;
        sim = PlatformSimulator.start(SimConfig.ephemeral(false));
        redis = Redis.connect(redisUrl);
        startApi();
        Settings settings = Settings.of(env());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        roles.add(RunningApp.start(settings, Role.WORKER, quiet));
        roles.add(RunningApp.start(settings, Role.CHAT, quiet));
        call("PUT", sim.baseUrl() + "/sim/kick/webhook", Map.of(), Map.of("url", apiBase + "/webhooks/kick"));
    }

    private Map<String, String> env() {
        Map<String, String> env = TestSettings.service(dataDir);
        env.put("REDIS_URL", redisUrl);
        env.put("RESTREAM_ADMIN_TOKEN", adminToken);
        env.put("RESTREAM_HTTP_PORT", Integer.toString(port));
        env.put("RESTREAM_PUBLIC_URL", apiBase);
        env.put("RESTREAM_SIM_URL", sim.baseUrl());
        env.put("RESTREAM_HTTP_VERTICLES", "1");
        env.put("RESTREAM_CHAT_SCAN_MS", "500");
        env.put("RESTREAM_CHAT_VIEWERS_MS", "1000");
        // A small test picture keeps the worker's encode light on a shared machine.
        env.put("RESTREAM_DEMO_SIZE", "320x180");
        env.put("RESTREAM_OUTPUT_FPS", "15");
        env.put("RESTREAM_VIDEO_KBPS", "300");
        return env;
    }

    /** Starts the API process and waits until it answers. */
    synchronized void startApi() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "service")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("api-" + (++apiStarts) + ".log").toFile());
        pb.environment().putAll(env());
        try {
            api = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = api;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!p.isAlive()) throw new IllegalStateException("the API process died: " + Files.readString(dataDir.resolve("api-" + apiStarts + ".log")));
            return healthy();
        });
    }

    /** Stops the API process (SIGTERM, as an operator's restart does) and waits until it is gone. */
    synchronized void stopApi() throws InterruptedException {
        api.destroy();
        if (!api.waitFor(30, TimeUnit.SECONDS)) {
            api.destroyForcibly();
            api.waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(apiBase + "/healthz")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A client backend: its id, a secret key (all scopes) and a publishable key for {@code http://localhost:3000}. */
    record Tenant(String clientId, String secretKey, String publishableKey) {}

    Tenant newTenant() {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken);
        String clientId = call("POST", apiBase + "/api/v1/admin/clients", admin, Map.of("name", "sdk-" + Tokens.random(5))).get("id").asText();
        List<String> all = List.of("connect", "restream", "read", "chat:write");
        String sk = call("POST", apiBase + "/api/v1/admin/clients/" + clientId + "/keys", admin, Map.of("type", "secret", "scopes", all)).get("key").asText();
        String pk = call("POST", apiBase + "/api/v1/admin/clients/" + clientId + "/keys", admin,
                Map.of("type", "publishable", "scopes", all, "allowedOrigins", List.of("http://localhost:3000"))).get("key").asText();
        return new Tenant(clientId, sk, pk);
    }

    RestreamOptionsBuilder options() {
        return RestreamOptions.builder(URI.create(apiBase));
    }

    /** A session token minted by the tenant's backend. */
    SessionToken mint(Tenant t, String userId, long ttlSeconds) {
        JsonNode r = call("POST", apiBase + "/api/v1/auth/session", Map.of("X-API-Key", t.secretKey()),
                Map.of("userId", userId, "ttlSeconds", ttlSeconds));
        return new SessionToken(r.get("token").asText(), r.get("expiresIn").asLong());
    }

    /**
     * Links {@code platform} for the user with a token the simulator's OAuth server issued, stored
     * the way the OAuth callback stores it: for tests whose subject is not the sign-in itself.
     */
    void seedConnection(Tenant t, String userId, String platform) throws Exception {
        Platform p = Platform.fromId(platform).orElseThrow();
        OAuthConfig oauth = OAuthConfig.from(Settings.of(Map.of()), new Problems(), true, Optional.of(sim.baseUrl()));
        SimPlatform sp = sim.state().platform(platform);
        var account = sp.user("streamer_" + userId.replaceAll("[^A-Za-z0-9_]", "_"));
        SimToken token = sp.issue(account, sp.clientId, SimPlatform.scopes(oauth.scopes(p)), true);
        var c = new io.restream.core.model.Connection(platform, p, account.login(), account.id(), System.currentTimeMillis(), false);
        var secrets = new ConnectionSecrets(null, null, token.access, token.refresh, token.expiresAtMs, null, Map.of());
        new ConnectionStore(redis, TestSecrets.box())
                .put(new UserRef(t.clientId(), userId), c, secrets).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A viewer writes in the platform's chat; returns the platform's message id. */
    String say(String platform, String author, String message) {
        return call("POST", sim.baseUrl() + "/sim/" + platform + "/chat", Map.of(), Map.of("author", author, "message", message)).path("id").asText();
    }

    void viewers(String platform, long count) {
        call("PUT", sim.baseUrl() + "/sim/" + platform + "/viewers", Map.of(), Map.of("count", count));
    }

    /** What the service posted into the platform's chat. */
    JsonNode sent(String platform) {
        return call("GET", sim.baseUrl() + "/sim/" + platform + "/chat/sent", Map.of(), null);
    }

    JsonNode call(String method, String url, Map<String, String> headers, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            headers.forEach(b::header);
            if (body != null) b.header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void close() {
        try {
            if (api != null) {
                api.destroy();
                if (!api.waitFor(20, TimeUnit.SECONDS)) api.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        roles.forEach(RunningApp::close);
        sim.close();
        redis.close();
    }
}
