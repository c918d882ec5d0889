package io.restream.service.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.connections.StoredConnection;
import io.restream.core.crypto.SecretBox;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;
import io.restream.core.testing.TestSecrets;
import io.restream.platforms.OAuthConfig;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.ServiceRole;
import io.restream.service.TestApi;
import io.restream.sim.PlatformSimulator;
import io.restream.sim.SimConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real API in-process with every OAuth platform pointed at a real platform simulator
 * (sandbox configuration, as the launcher builds it), over real HTTP. Walks the hosted OAuth flow
 * the way a browser popup would: authorize → start (302) → consent page → approve/deny (302) →
 * callback → result page.
 */
final class PlatformsTestBed implements AutoCloseable {
    static final String OPENER = "https://app.example.com";
    private static final Pattern REQUEST_ID = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");
    private static final Pattern MESSAGE = Pattern.compile("var message = (\\{.*?\\});\\s*var targetOrigin = (\".*?\");", Pattern.DOTALL);

    final PlatformSimulator sim;
    final Redis redis;
    final ServiceRole role;
    final PlatformAdapters adapters;
    final OAuthConfig oauthConfig;
    final ConnectionStore connections;
    final String base;
    final String adminToken;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every body the API answered in this bed (for the leak checks). */
    final java.util.List<String> apiBodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Settings settings;
    private final SecretBox box;
    private final TestApi api;
    private final java.util.List<io.restream.worker.WorkerRole> workers = new java.util.ArrayList<>();

    PlatformsTestBed() {
        this(Map.of());
    }

    /** @param env extra settings over {@link TestApi}'s sandbox defaults */
    PlatformsTestBed(Map<String, String> env) {
        sim = PlatformSimulator.start(SimConfig.ephemeral(false));
        Map<String, String> values = new HashMap<>(Map.of("RESTREAM_HTTP_VERTICLES", "1"));
        values.putAll(env);
        Problems problems = new Problems();
        oauthConfig = OAuthConfig.from(Settings.of(values), problems, true, Optional.of(sim.baseUrl()));
        problems.throwIfAny();
        redis = TestRedis.connect();
        // The adapters need the connection store and the API needs the adapters: both on the one test key.
        connections = new ConnectionStore(redis, TestSecrets.box());
        adapters = PlatformAdapters.create(oauthConfig, connections);
        api = new TestApi(values, redis, adapters, null);
        role = api.role;
        adminToken = api.adminToken;
        settings = api.settings;
        box = api.box;
        base = role.context().publicUrl();
    }

    /** A bed with a worker beside the API. */
    static PlatformsTestBed withWorker() {
        PlatformsTestBed bed = new PlatformsTestBed();
        bed.startWorker();
        return bed;
    }

    /** A worker on the same Redis and adapters, with a small demo source to spare the CPU. */
    io.restream.worker.WorkerRole startWorker() {
        Settings s = settings.with("RESTREAM_DEMO_SIZE", "640x360").with("RESTREAM_VIDEO_KBPS", "800").with("RESTREAM_OUTPUT_FPS", "25");
        Problems problems = new Problems();
        io.restream.worker.WorkerConfig config = io.restream.worker.WorkerConfig.from(s, problems);
        CoreConfig core = CoreConfig.from(s, problems);
        problems.throwIfAny();
        io.restream.worker.WorkerRole worker = new io.restream.worker.WorkerRole(config, core, redis, box, adapters);
        worker.start();
        workers.add(worker);
        return worker;
    }

    /** A user of a fresh client: the headers a client backend sends. */
    Map<String, String> newUser() {
        String clientId = json(call("POST", base + "/api/v1/admin/clients", Map.of("Authorization", "Bearer " + adminToken),
                Json.write(Map.of("name", "t-" + Tokens.random(6))))).get("id").asText();
        String secret = json(call("POST", base + "/api/v1/admin/clients/" + clientId + "/keys", Map.of("Authorization", "Bearer " + adminToken),
                Json.write(Map.of("type", "secret", "scopes", List.of("connect", "restream", "read", "chat:write"))))).get("key").asText();
        // The client's browser app lives at OPENER: sign-in results may go there.
        call("POST", base + "/api/v1/admin/clients/" + clientId + "/keys", Map.of("Authorization", "Bearer " + adminToken),
                Json.write(Map.of("type", "publishable", "allowedOrigins", List.of(OPENER))));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-API-Key", secret);
        h.put("X-User-Id", "user_" + Tokens.random(8));
        h.put("X-Client-Id", clientId); // for the tests' own bookkeeping; the API ignores it
        return h;
    }

    static UserRef ref(Map<String, String> user) {
        return new UserRef(user.get("X-Client-Id"), user.get("X-User-Id"));
    }

    StoredConnection stored(Map<String, String> user, String id) throws Exception {
        return connections.get(ref(user), id).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
    }

    /** The outcome of a walk through the popup. */
    record Outcome(JsonNode message, String targetOrigin, String callbackUrl, HttpResponse<String> page) {
        boolean ok() { return message.path("ok").asBoolean(); }
        String confirmation() { return message.path("confirmation").asText(null); }
        String errorCode() { return message.path("error").path("code").asText(null); }
    }

    /** POST authorize → the authorize URL. */
    String authorizeUrl(Map<String, String> user, String platform) {
        HttpResponse<String> r = call("POST", base + "/api/v1/connections/" + platform + "/authorize", user, Json.write(Map.of("origin", OPENER)));
        if (r.statusCode() != 200) throw new AssertionError("authorize answered " + r.statusCode() + ": " + r.body());
        return json(r).get("authorizeUrl").asText();
    }

    /** GET start → the platform's consent URL (the 302's Location). */
    String consentUrl(String authorizeUrl) {
        HttpResponse<String> r = call("GET", authorizeUrl, Map.of(), null);
        if (r.statusCode() != 302) throw new AssertionError("start answered " + r.statusCode() + ": " + r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** On the simulated consent page, click Authorize (as {@code login}) or Cancel → the callback URL. */
    String decide(String platform, String consentUrl, boolean approve, String login) {
        HttpResponse<String> page = call("GET", consentUrl, Map.of(), null);
        Matcher m = REQUEST_ID.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) throw new AssertionError("no consent page: " + page.statusCode() + " " + page.body());
        String form = "request=" + m.group(1) + "&decision=" + (approve ? "approve" : "deny") + "&login=" + login;
        HttpResponse<String> r = call("POST", sim.baseUrl() + "/sim/" + platform + "/consent",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
        if (r.statusCode() != 302) throw new AssertionError("consent answered " + r.statusCode() + ": " + r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** GET the callback (as the platform's redirect) → the result page's message. */
    Outcome callback(String callbackUrl) {
        HttpResponse<String> page = call("GET", callbackUrl, Map.of(), null);
        Matcher m = MESSAGE.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) throw new AssertionError("no result page: " + page.statusCode() + " " + page.body());
        return new Outcome(Json.read(m.group(1), JsonNode.class), Json.read(m.group(2), String.class), callbackUrl, page);
    }

    /** The whole popup: authorize, start, consent, callback, and (when it succeeded) the opener's confirm. */
    Outcome connect(Map<String, String> user, String platform, boolean approve, String login) {
        Outcome out = callback(decide(platform, consentUrl(authorizeUrl(user, platform)), approve, login));
        if (out.ok()) {
            HttpResponse<String> r = confirm(user, platform, out.confirmation());
            if (r.statusCode() != 200) throw new AssertionError("confirm answered " + r.statusCode() + ": " + r.body());
        }
        return out;
    }

    /** {@code POST /connections/{platform}/confirm} as {@code user}. */
    HttpResponse<String> confirm(Map<String, String> user, String platform, String confirmation) {
        return call("POST", base + "/api/v1/connections/" + platform + "/confirm", user, Json.write(Map.of("confirmation", confirmation)));
    }

    JsonNode connectionsOf(Map<String, String> user) {
        HttpResponse<String> r = call("GET", base + "/api/v1/connections", user, null);
        if (r.statusCode() != 200) throw new AssertionError("connections answered " + r.statusCode());
        return json(r);
    }

    JsonNode simJson(String method, String path, String body) {
        return json(call(method, sim.baseUrl() + path, body == null ? Map.of() : Map.of("Content-Type", "application/json"), body));
    }

    HttpResponse<String> call(String method, String url, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach((k, v) -> { if (!k.equals("X-Client-Id")) b.header(k, v); });
        if (body != null && !headers.containsKey("Content-Type")) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (url.startsWith(base)) apiBodies.add(r.headers().map() + "\n" + r.body());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.read(r.body(), JsonNode.class);
    }

    static JsonNode find(JsonNode connections, String id) {
        for (JsonNode c : connections) {
            if (c.path("id").asText().equals(id)) return c;
        }
        return null;
    }

    @Override
    public void close() {
        workers.forEach(io.restream.worker.WorkerRole::close);
        api.close();
        redis.close();
        sim.close();
    }
}
