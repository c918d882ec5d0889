package io.restream.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.Secret;
import io.restream.core.crypto.SecretBox;
import io.restream.core.json.Json;
import io.restream.core.redis.EmbeddedRedis;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.ServiceConfig;
import io.restream.service.ServiceRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Redis gone, requests get {@code 503 unavailable} in the error shape, and nothing else. */
class RedisDownIT {
    @Test
    void redisDownIs503Unavailable() throws Exception {
        var dir = Files.createTempDirectory("restream-redis-down");
        EmbeddedRedis server = EmbeddedRedis.start(dir.resolve("redis"));
        Settings s = Settings.of(Map.of("RESTREAM_DATA_DIR", dir.toString(), "RESTREAM_HTTP_PORT", "0", "RESTREAM_HTTP_VERTICLES", "1"));
        Problems p = new Problems();
        CoreConfig core = CoreConfig.from(s, p);
        ServiceConfig config = ServiceConfig.from(s, Secret.of("admin-down"), p);
        p.throwIfAny();
        Redis redis = Redis.connect(server.url());
        ServiceRole role = new ServiceRole(config, core, redis, SecretBox.fromConfig(null, core.secretsKeyFile()), PlatformAdapters.pastedOnly(), null);
        int port = role.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpRequest create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/admin/clients"))
                    .header("Authorization", "Bearer admin-down").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build();
            assertEquals(201, http.send(create, HttpResponse.BodyHandlers.ofString()).statusCode());
            server.close();
            HttpResponse<String> r = http.send(create, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("unavailable", Json.read(r.body(), com.fasterxml.jackson.databind.JsonNode.class).get("error").get("code").asText());
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode());
        } finally {
            role.close();
            redis.close();
        }
    }
}
