package io.restream.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.Secret;
import io.restream.core.crypto.SecretBox;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;
import io.restream.core.testing.TestSecrets;
import io.restream.platforms.PlatformAdapters;
import io.restream.testkit.TestSettings;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real API in-process on a free port, against the test Redis, on the test settings
 * ({@link TestSettings}), with a JDK HTTP client. Tests
 * talk to it over HTTP only; each test creates fresh clients, so tests never share users.
 */
public final class TestApi implements AutoCloseable {
    /** The one test secrets key ({@link TestSecrets#KEY}). */
    public static final String TEST_SECRETS_KEY = TestSecrets.KEY;
    public final String adminToken = "adm_" + Tokens.random(24);
    public final Redis redis;
    public final ServiceRole role;
    public final Path dataDir;
    public final String base;
    /** The settings the API was built from (sandbox, port 0, no rate limit, the test key, and the extras). */
    public final Settings settings;
    public final CoreConfig core;
    public final SecretBox box;
    private final boolean ownsRedis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestApi() {
        this(Map.of());
    }

    /** @param env extra settings (e.g. a tight rate limit) over the test defaults */
    public TestApi(Map<String, String> env) {
        this(env, null, PlatformAdapters.pastedOnly(), null);
    }

    /**
     * @param redis the Redis to use (null: the test Redis, closed with this API)
     * @param adapters the platform adapters (chat, OAuth) the API serves with
     * @param vertx a Vert.x to share (null: the API's own)
     */
    public TestApi(Map<String, String> env, Redis redis, PlatformAdapters adapters, Vertx vertx) {
        try {
            dataDir = Files.createTempDirectory("restream-api-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = TestSettings.service(dataDir);
        values.putAll(env);
        settings = Settings.of(values);
        Problems problems = new Problems();
        core = CoreConfig.from(settings, problems);
        ServiceConfig config = ServiceConfig.from(settings, Secret.of(adminToken), problems);
        problems.throwIfAny();
        ownsRedis = redis == null;
        this.redis = redis != null ? redis : TestRedis.connect();
        box = SecretBox.fromConfig(core.secretsKeyBase64().orElse(null), core.secretsKeyFile());
        role = new ServiceRole(config, core, this.redis, box, adapters, vertx);
        base = "http://127.0.0.1:" + role.start();
    }

    /** A response with its JSON body parsed (null when there is none). */
    public record Res(int status, Map<String, List<String>> headers, String text) {
        public JsonNode json() {
            return text == null || text.isEmpty() ? null : Json.read(text, JsonNode.class);
        }

        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            }
            return null;
        }

        public String errorCode() {
            JsonNode j = json();
            return j == null ? null : j.path("error").path("code").asText(null);
        }
    }

    public Res call(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        if (body != null && !headers.containsKey("Content-Type")) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Res admin(String method, String path, Object body) {
        return call(method, path, Map.of("Authorization", "Bearer " + adminToken), body == null ? null : Json.write(body));
    }

    /** A new client with a secret key (all scopes); returns {clientId, secretKey}. */
    public Tenant newTenant() {
        String clientId = admin("POST", "/api/v1/admin/clients", Map.of("name", "t-" + Tokens.random(6))).json().get("id").asText();
        String secret = admin("POST", "/api/v1/admin/clients/" + clientId + "/keys",
                Map.of("type", "secret", "scopes", List.of("connect", "restream", "read", "chat:write"))).json().get("key").asText();
        return new Tenant(clientId, secret);
    }

    public String newPublishableKey(String clientId, List<String> scopes, List<String> origins) {
        return admin("POST", "/api/v1/admin/clients/" + clientId + "/keys",
                Map.of("type", "publishable", "scopes", scopes, "allowedOrigins", origins)).json().get("key").asText();
    }

    /** A client backend and its secret key. */
    public record Tenant(String clientId, String secretKey) {
        public Map<String, String> as(String userId) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("X-API-Key", secretKey);
            h.put("X-User-Id", userId);
            return h;
        }
    }

    /** Connects {@code custom:<name>} for the user. */
    public Res connectCustom(Map<String, String> user, String name, String url) {
        return call("POST", "/api/v1/connections/custom", user, Json.write(Map.of("name", name, "url", url, "streamKey", "key-" + name)));
    }

    public Res goLive(Map<String, String> user, List<String> destinations) {
        return call("POST", "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-test", "destinations", destinations)));
    }

    @Override
    public void close() {
        role.close();
        if (ownsRedis) redis.close();
    }
}
