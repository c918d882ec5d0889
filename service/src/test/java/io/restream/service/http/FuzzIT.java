package io.restream.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.service.TestApi;
import io.restream.service.TestApi.Res;
import io.restream.service.TestApi.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests (bad JSON, wrong types, huge fields, bad credentials, unknown
 * routes): none may get a 5xx, and every error must have the JSON shape of docs/API.md §6.
 */
class FuzzIT {
    static final int REQUESTS = 1500;
    static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "PUT"};
    static final String[] PATHS = {
        "/api/v1/jobs", "/api/v1/jobs/current", "/api/v1/jobs/current/stop", "/api/v1/jobs/current/overlay",
        "/api/v1/jobs/job_x/stop", "/api/v1/jobs/%s", "/api/v1/jobs/%s/recording", "/api/v1/jobs/%s/recording/files/%s",
        "/api/v1/connections", "/api/v1/connections/custom", "/api/v1/connections/instagram", "/api/v1/connections/%s",
        "/api/v1/auth/session", "/api/v1/admin/clients", "/api/v1/admin/clients/%s/keys", "/api/v1/admin/keys/%s",
        "/api/v1/admin/jobs?status=%s", "/api/v1/admin/signing-keys", "/api/v1/admin/signing-keys/%s/deactivate",
        "/api/v1/platforms", "/api/v1/%s", "/%s", "/api/v1/jobs/%s/%s/%s",
        "/api/v1/jobs/current/destinations", "/api/v1/jobs/current/metadata", "/api/v1/admin/clients/%s/webhooks",
        "/api/v1/admin/webhooks/%s", "/api/v1/admin/webhooks/%s/deliveries", "/admin/%s"
    };

    @Test
    void malformedRequestsNeverGetA5xxAndAlwaysTheErrorShape() throws Exception {
        try (TestApi api = new TestApi()) {
            Tenant t = api.newTenant();
            api.connectCustom(t.as("fuzz"), "one", "rtmp://127.0.0.1:1935/live");
            Random random = new Random(20261123);
            List<Runnable> work = new ArrayList<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < REQUESTS; i++) {
                String method = METHODS[random.nextInt(METHODS.length)];
                String path = fill(PATHS[random.nextInt(PATHS.length)], random);
                Map<String, String> headers = credentials(random, t, api.adminToken);
                String body = random.nextInt(5) == 0 ? null : body(random);
                work.add(() -> {
                    Res r;
                    try {
                        r = api.call(method, path, headers, body);
                    } catch (RuntimeException e) {
                        failures.add(method + " " + path + " -> client error " + e);
                        return;
                    }
                    String problem = check(r);
                    if (problem != null) failures.add(method + " " + path + " -> " + problem);
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            work.forEach(pool::execute);
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES));
            assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g. " + failures.stream().limit(5).toList());
            assertEquals(200, api.call("GET", "/healthz", Map.of(), null).status(), "still healthy after the storm");
        }
    }

    /**
     * Issue 14's must-show: 10,000 requests generated from {@code GET /api/v1/openapi.json} (every
     * path and method, wrong methods, mutated bodies, odd content types, every credential kind):
     * not one answer of 500 or more, every error in the JSON shape, every answer within 10 s.
     */
    @Test
    void tenThousandRequestsFromTheOpenApiDocumentGetNo5xx() throws Exception {
        try (TestApi api = new TestApi()) {
            Tenant t = api.newTenant();
            api.connectCustom(t.as("fuzz"), "one", "rtmp://127.0.0.1:1935/live");
            String origin = "https://fuzz.example.com";
            String pk = api.newPublishableKey(t.clientId(), List.of("read", "connect", "restream", "chat:write"), List.of(origin));
            String token = api.call("POST", "/api/v1/auth/session", Map.of("X-API-Key", t.secretKey()),
                    Json.write(Map.of("userId", "fuzz"))).json().get("token").asText();
            String ticket = api.call("POST", "/api/v1/events/ticket", t.as("fuzz"), null).json().get("ticket").asText();
            List<OpenApiFuzz.Credential> creds = List.of(
                    new OpenApiFuzz.Credential(Map.of(), ""),
                    new OpenApiFuzz.Credential(Map.of("Authorization", "Bearer " + api.adminToken), ""),
                    new OpenApiFuzz.Credential(Map.of("X-API-Key", t.secretKey()), ""),
                    new OpenApiFuzz.Credential(t.as("fuzz"), ""),
                    new OpenApiFuzz.Credential(Map.of("X-Publishable-Key", pk, "X-User-Id", "fuzz", "Origin", origin), ""),
                    new OpenApiFuzz.Credential(Map.of("X-Publishable-Key", pk, "X-User-Id", "fuzz", "Origin", "https://evil.example"), ""),
                    new OpenApiFuzz.Credential(Map.of("X-Publishable-Key", pk, "X-User-Id", "bad id!"), ""),
                    new OpenApiFuzz.Credential(Map.of("Authorization", "Bearer " + token), ""),
                    new OpenApiFuzz.Credential(Map.of("Authorization", "Bearer " + token.substring(0, token.length() - 3) + "abc"), ""),
                    new OpenApiFuzz.Credential(Map.of(), "ticket=" + ticket),
                    new OpenApiFuzz.Credential(Map.of(), "token=" + token),
                    new OpenApiFuzz.Credential(Map.of("Origin", origin), "publishableKey=" + pk + "&userId=fuzz"),
                    new OpenApiFuzz.Credential(Map.of("Authorization", "Basic Zm9vOmJhcg=="), "ticket=%zz"));
            JsonNode doc = api.call("GET", "/api/v1/openapi.json", Map.of(), null).json();
            OpenApiFuzz fuzz = new OpenApiFuzz(doc, new Random(20261130));
            assertTrue(fuzz.operationCount() >= 40, "the document lists the routes: " + fuzz.operationCount());
            Map<String, String> ids = Map.of("platform", "twitch", "id", "custom:one", "clientId", t.clientId(), "name", "0.ts");
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            // A worker's presence, as a worker process writes it: /readyz answers 503 without one, by design (OpsIT).
            var workers = new io.restream.core.workers.WorkerRegistry(api.redis);
            long heartbeat = api.role.context().vertx().setPeriodic(0, 3_000, id ->
                    workers.heartbeat("wrk_fuzz", "fuzz-host", System.currentTimeMillis(), List.of(), System.currentTimeMillis()));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 10_000; i++) {
                OpenApiFuzz.Request req = fuzz.next(creds, ids);
                pool.execute(() -> {
                    String problem = send(http, api.base, req);
                    answered.incrementAndGet();
                    if (problem != null) failures.add(req.method() + " " + req.target() + " -> " + problem);
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(15, TimeUnit.MINUTES));
            api.role.context().vertx().cancelTimer(heartbeat);
            workers.remove("wrk_fuzz");
            System.out.printf("OpenAPI fuzz: %d requests answered, %d bad%n", answered.get(), failures.size());
            failures.stream().map(f -> f.replaceAll("\\?.*? ->", " ->").replaceAll("[0-9]+", "N")).distinct().limit(40).forEach(f -> System.out.println("FUZZBAD " + f.substring(0, Math.min(300, f.length()))));
            assertEquals(10_000, answered.get());
            assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g. " + failures.stream().limit(5).toList());
            assertEquals(200, api.call("GET", "/healthz", Map.of(), null).status(), "still healthy after the storm");
        }
    }

    /** Sends one generated request; null when the answer is acceptable, else what was wrong. */
    static String send(java.net.http.HttpClient http, String base, OpenApiFuzz.Request req) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(base + req.target());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || req.method().equals("TRACE")) {
            StringBuilder h = new StringBuilder();
            req.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
            io.restream.service.RawHttp.Response r = io.restream.service.RawHttp.send(base, req.method(), req.target(), h.toString(),
                    req.body() == null ? null : req.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), 10_000);
            if (r.status() < 0) return "no answer within 10 s";
            if (req.method().equals("HEAD")) return r.status() >= 500 ? "status " + r.status() : null; // HEAD answers carry no body
            return check(new Res(r.status(), Map.of(), r.body()));
        }
        var b = java.net.http.HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(10))
                .method(req.method(), req.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(req.body()));
        req.headers().forEach(b::header);
        try {
            var r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (var in = r.body()) {
                boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                String text = stream || req.method().equals("HEAD") ? "" : new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
                if (req.method().equals("HEAD") && r.statusCode() >= 400) return r.statusCode() >= 500 ? "status " + r.statusCode() : null;
                return check(new Res(r.statusCode(), r.headers().map(), text));
            }
        } catch (java.net.http.HttpTimeoutException e) {
            return "no answer within 10 s";
        } catch (Exception e) {
            return "client error " + e;
        }
    }

    static String check(Res r) {
        if (r.status() >= 500) return "status " + r.status() + " " + r.text();
        if (r.status() < 400) return null;
        JsonNode j;
        try {
            j = r.json();
        } catch (RuntimeException e) {
            return "non-JSON error body: " + r.text();
        }
        if (j == null || !j.has("error")) return "no error object: " + r.text();
        JsonNode e = j.get("error");
        if (!e.path("code").isTextual() || !e.path("code").asText().matches("[a-z_]+")) return "bad code: " + r.text();
        if (!e.path("message").isTextual()) return "no message: " + r.text();
        if (e.path("status").asInt() != r.status()) return "status mismatch: " + r.text();
        if (r.text().contains("Exception") || r.text().contains("\tat ")) return "stack trace leaked: " + r.text();
        return null;
    }

    static String fill(String template, Random random) {
        String out = template;
        while (out.contains("%s")) out = out.replaceFirst("%s", java.util.regex.Matcher.quoteReplacement(segment(random)));
        return out;
    }

    static String segment(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "job_" + random.nextInt(1000);
            case 1 -> "%25zz%00";
            case 2 -> "x".repeat(1 + random.nextInt(3000));
            case 3 -> "custom:" + random.nextInt(100);
            case 4 -> "..%2F..%2Fetc%2Fpasswd";
            case 5 -> "running";
            case 6 -> "%F0%9F%92%A9%E2%80%AE";
            default -> Integer.toString(random.nextInt());
        };
    }

    static Map<String, String> credentials(Random random, Tenant t, String admin) {
        Map<String, String> h = new HashMap<>();
        switch (random.nextInt(9)) {
            case 0 -> { }
            case 1 -> h.put("Authorization", "Bearer " + randomText(random, 200));
            case 2 -> h.put("Authorization", "Bearer eyJhbGciOiJFZERTQSIsImtpZCI6Inh4In0.eyJzdWIiOiJ4In0.c2ln");
            case 3 -> { h.put("X-API-Key", "sk_live_" + randomText(random, 30)); h.put("X-User-Id", "u"); }
            case 4 -> { h.put("X-API-Key", t.secretKey()); h.put("X-User-Id", random.nextBoolean() ? "bad user id!" : "x".repeat(200)); }
            case 5 -> { h.put("X-Publishable-Key", "pk_live_" + randomText(random, 10)); h.put("X-User-Id", "u"); h.put("Origin", "null"); }
            case 6 -> h.put("Authorization", "Basic " + randomText(random, 20));
            case 7 -> h.put("Authorization", "Bearer " + admin);
            default -> { h.put("X-API-Key", t.secretKey()); h.put("X-User-Id", "fuzz"); }
        }
        if (random.nextInt(4) == 0) h.put("Content-Type", random.nextBoolean() ? "text/plain" : "application/json; charset=latin1");
        return h;
    }

    static String body(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "{";
            case 1 -> "[]";
            case 2 -> "\"just a string\"";
            case 3 -> "{\"publisherSessionId\": 5, \"destinations\": \"twitch\"}";
            case 4 -> "{\"publisherSessionId\": \"ok\", \"destinations\": [1, null, {}], \"trackNames\": \"audio\"}";
            case 5 -> "{\"publisherSessionId\": \"ok\", \"destinations\": [\"custom:one\"], \"overlay\": \"x\", \"recording\": \"yes\", \"ingest\": []}";
            case 6 -> "{\"publisherSessionId\": \"" + "a".repeat(random.nextInt(60_000)) + "\"}";
            case 7 -> "[".repeat(5000) + "]".repeat(5000);
            case 8 -> "{\"name\": " + random.nextInt() + ", \"url\": [\"rtmp://x\"], \"streamKey\": {}}";
            case 9 -> "{\"type\": \"secret\", \"scopes\": [\"root\"], \"allowedOrigins\": [\"*\"]}";
            case 10 -> "{\"userId\": null, \"ttlSeconds\": \"forever\", \"scopes\": 7}";
            case 11 -> "{\"publisherSessionId\": \"ok\", \"destinations\": [\"custom:one\"], \"ingest\": {\"custom:one\": {\"url\": \"http://x\", \"streamKey\": 3}}, \"overlay\": {\"topBanner\": \"gopher://x\", \"hideTop\": 1}}";
            case 12 -> randomText(random, random.nextInt(2000));
            default -> Json.write(Map.of("message", "m".repeat(random.nextInt(1000)), "platforms", List.of(random.nextInt())));
        };
    }

    static String randomText(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) (0x21 + random.nextInt(0x5d)));
        return sb.toString();
    }
}
