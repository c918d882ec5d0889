package io.restream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.config.Settings;
import io.restream.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Restarting the launcher on the same data dir (embedded Redis persisted there) keeps clients,
 * keys, signing keys, connections and jobs.
 */
class LauncherRestartIT {
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everythingSurvivesARestartOnTheSameDataDir() throws Exception {
        Path data = Files.createTempDirectory("restream-restart");
        Settings settings = Settings.of(Map.of("RESTREAM_DATA_DIR", data.toString(), "RESTREAM_HTTP_PORT", "0",
                "RESTREAM_SANDBOX", "true", "RESTREAM_HTTP_VERTICLES", "1", "RESTREAM_SIM_PORT", "0"));
        ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
        String adminToken;
        String clientId;
        String secretKey;
        String jobId;
        String token;
        try (RunningApp app = RunningApp.start(settings, Role.ALL, new PrintStream(firstOut, true, StandardCharsets.UTF_8))) {
            String base = "http://127.0.0.1:" + app.httpPort();
            assertEquals(Integer.toString(app.httpPort()), Files.readString(data.resolve("http.port")));
            adminToken = Files.readString(data.resolve("admin.token")).trim();
            String banner = firstOut.toString(StandardCharsets.UTF_8);
            assertTrue(banner.contains(adminToken), "the generated admin token is printed at the first start");
            assertTrue(banner.contains("pk_live_") && banner.contains("sk_live_"), "sandbox prints the demo keys");

            Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken);
            clientId = call(base, "POST", "/api/v1/admin/clients", admin, "{\"name\":\"persisted\"}").get("id").asText();
            secretKey = call(base, "POST", "/api/v1/admin/clients/" + clientId + "/keys", admin, "{\"type\":\"secret\"}").get("key").asText();
            Map<String, String> user = Map.of("X-API-Key", secretKey, "X-User-Id", "zoe");
            call(base, "POST", "/api/v1/connections/custom", user, "{\"name\":\"keep\",\"url\":\"rtmp://127.0.0.1/live\",\"streamKey\":\"k1\"}");
            jobId = call(base, "POST", "/api/v1/jobs", user, "{\"publisherSessionId\":\"demo-p\",\"destinations\":[\"custom:keep\"]}").get("id").asText();
            token = call(base, "POST", "/api/v1/auth/session", Map.of("X-API-Key", secretKey), "{\"userId\":\"zoe\"}").get("token").asText();
            call(base, "POST", "/api/v1/jobs/" + jobId + "/stop", user, null);
        }

        ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
        try (RunningApp app = RunningApp.start(settings, Role.ALL, new PrintStream(secondOut, true, StandardCharsets.UTF_8))) {
            String base = "http://127.0.0.1:" + app.httpPort();
            assertFalse(secondOut.toString(StandardCharsets.UTF_8).contains(adminToken), "the admin token is printed only once");
            Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken);
            JsonNode clients = call(base, "GET", "/api/v1/admin/clients", admin, null);
            assertTrue(clients.toString().contains(clientId));
            Map<String, String> user = Map.of("X-API-Key", secretKey, "X-User-Id", "zoe");
            JsonNode connections = call(base, "GET", "/api/v1/connections", user, null);
            assertEquals("custom:keep", connections.get(0).get("id").asText());
            assertEquals(jobId, call(base, "GET", "/api/v1/jobs/" + jobId, user, null).get("id").asText());
            assertEquals(jobId, call(base, "GET", "/api/v1/jobs/current", Map.of("Authorization", "Bearer " + token), null).get("id").asText(),
                    "a token minted before the restart still verifies: the signing keys persisted");
            assertEquals(List.of("custom:keep"), List.of(call(base, "GET", "/api/v1/jobs/" + jobId, user, null).get("destinations").get(0).asText()));
        }
    }

    JsonNode call(String base, String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return Json.read(r.body(), JsonNode.class);
    }
}
