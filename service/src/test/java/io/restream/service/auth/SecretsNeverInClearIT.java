package io.restream.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.restream.core.json.Json;
import io.restream.service.TestApi;
import io.restream.service.TestApi.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * After a realistic run, no secret key, session token or stream key is in clear anywhere in
 * Redis, in any log line, or in any response other than the one that creates it.
 */
class SecretsNeverInClearIT {
    @Test
    void secretsAreNeitherStoredNorLoggedNorEchoed() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (TestApi api = new TestApi()) {
            Tenant t = api.newTenant();
            Map<String, String> user = t.as("secretive");
            String streamKey = "live_sk_" + io.restream.core.crypto.Tokens.random(24);
            String igKey = "IGLive_" + io.restream.core.crypto.Tokens.random(24);
            List<String> responses = new ArrayList<>();
            responses.add(api.call("POST", "/api/v1/connections/custom", user,
                    Json.write(Map.of("name", "vault", "url", "rtmps://127.0.0.1:4443/app", "streamKey", streamKey))).text());
            responses.add(api.call("POST", "/api/v1/connections/instagram", user,
                    Json.write(Map.of("username", "me", "url", "rtmps://127.0.0.1:4443/rtmp", "streamKey", igKey))).text());
            String overrideKey = "override_" + io.restream.core.crypto.Tokens.random(24);
            responses.add(api.call("POST", "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-s",
                    "destinations", List.of("custom:vault", "instagram"),
                    "ingest", Map.of("instagram", Map.of("url", "rtmps://127.0.0.1:4443/rtmp", "streamKey", overrideKey))))).text());
            String token = api.call("POST", "/api/v1/auth/session", Map.of("X-API-Key", t.secretKey()),
                    Json.write(Map.of("userId", "secretive"))).json().get("token").asText();
            responses.add(api.call("GET", "/api/v1/connections", Map.of("Authorization", "Bearer " + token), null).text());
            responses.add(api.call("GET", "/api/v1/jobs/current", Map.of("Authorization", "Bearer " + token), null).text());
            responses.add(api.admin("GET", "/api/v1/admin/clients/" + t.clientId() + "/keys", null).text());
            responses.add(api.admin("GET", "/api/v1/admin/jobs", null).text());
            api.call("GET", "/api/v1/connections", Map.of("X-API-Key", t.secretKey() + "x", "X-User-Id", "u"), null);

            List<String> secrets = List.of(t.secretKey(), token, streamKey, igKey, overrideKey, api.adminToken);
            StringBuilder redisDump = new StringBuilder();
            var sync = api.redis.sync();
            for (String key : sync.keys(io.restream.core.redis.RedisKeys.ALL_KEYS)) {
                redisDump.append(key).append('\n');
                switch (sync.type(key)) {
                    case "string" -> redisDump.append(sync.get(key));
                    case "hash" -> redisDump.append(sync.hgetall(key));
                    case "set" -> redisDump.append(sync.smembers(key));
                    case "zset" -> redisDump.append(sync.zrange(key, 0, -1));
                    case "stream" -> redisDump.append(sync.xrange(key, io.lettuce.core.Range.create("-", "+")));
                    default -> { }
                }
            }
            String logText = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertTrue(redisDump.length() > 1000, "the dump covers real data");
            for (String secret : secrets) {
                assertFalse(redisDump.toString().contains(secret), "a secret is in clear in Redis");
                assertFalse(logText.contains(secret), "a secret is in a log line");
                for (String r : responses) assertFalse(r.contains(secret), "a secret is echoed in a response: " + r);
            }
            assertEquals(7, responses.size());
            assertTrue(responses.get(4).contains("custom:vault"), "the job was created and read back");
        } finally {
            root.detachAppender(logs);
        }
    }
}
