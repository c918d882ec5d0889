package io.restream.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.crypto.Tokens;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an operator and a client backend do over HTTP, against whichever API node is given:
 * create a client and its secret key, connect Twitch through the simulator's OAuth (auto-approved),
 * go live, stop, post chat on the simulated platform, read the simulator's ingest.
 */
public final class Studio {
    private final String admin;

    public Studio(String adminToken) {
        this.admin = adminToken;
    }

    /** One user of a fresh client: the headers of its backend ({@code X-API-Key} + {@code X-User-Id}). */
    public Map<String, String> newUser(String api) {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + admin);
        String clientId = Http.ok(201, "POST", api + "/api/v1/admin/clients", auth, Map.of("name", "deploy")).get("id").asText();
        String key = Http.ok(201, "POST", api + "/api/v1/admin/clients/" + clientId + "/keys", auth, Map.of("type", "secret")).get("key").asText();
        return Map.of("X-API-Key", key, "X-User-Id", "u_" + Tokens.random(8));
    }

    /**
     * The OAuth walk a native app makes (loopback {@code returnUrl}): authorize on {@code api},
     * the simulator approves at once, the callback lands on {@code callbackApi}'s origin only by
     * way of the redirect URI (any node serves it: the state is in Redis), then confirm.
     */
    public JsonNode connect(String api, Map<String, String> user, String platform) {
        String authorizeUrl = Http.ok(200, "POST", api + "/api/v1/connections/" + platform + "/authorize", user,
                Map.of("returnUrl", "http://127.0.0.1:9/done")).get("authorizeUrl").asText();
        String url = authorizeUrl;
        for (int hop = 0; hop < 5 && !url.startsWith("http://127.0.0.1:9/"); hop++) {
            Http.Answer a = Http.call("GET", url, Map.of(), null);
            if (a.status() == 200 && url.contains("/callback")) {
                // A service that stores the connection at the callback (no confirm step): done.
                return find(Http.ok(200, "GET", api + "/api/v1/connections", user, null), platform);
            }
            if (a.status() != 302 && a.status() != 303) throw new AssertionError("OAuth hop " + url + " → " + a.status() + " " + a.body());
            url = URI.create(url).resolve(a.location()).toString();
        }
        String confirmation = query(url, "confirmation");
        return Http.ok(200, "POST", api + "/api/v1/connections/" + platform + "/confirm", user, Map.of("confirmation", confirmation));
    }

    private static JsonNode find(JsonNode connections, String id) {
        for (JsonNode c : connections) {
            if (c.path("id").asText().equals(id)) return c;
        }
        throw new AssertionError("no connection " + id + " in " + connections);
    }

    public JsonNode goLive(String api, Map<String, String> user, String sessionId, List<String> destinations) {
        return Http.ok(201, "POST", api + "/api/v1/jobs", user, Map.of("publisherSessionId", sessionId, "destinations", destinations));
    }

    public JsonNode job(String api, Map<String, String> user, String jobId) {
        return Http.ok(200, "GET", api + "/api/v1/jobs/" + jobId, user, null);
    }

    /** A viewer writes in the simulated platform's chat. */
    public static void chat(String sim, String platform, String author, String message) {
        Http.ok(200, "POST", sim + "/sim/" + platform + "/chat", Map.of(), Map.of("author", author, "message", message));
    }

    /** The simulator's ingest sessions of {@code platform} (one per publish). */
    public static JsonNode ingest(String sim, String platform) {
        return Http.ok(200, "GET", sim + "/sim/" + platform + "/streams", Map.of(), null);
    }

    /** Video frames received so far by the live ingest sessions of {@code platform}. */
    public static long liveFrames(String sim, String platform) {
        long frames = 0;
        for (JsonNode s : ingest(sim, platform)) {
            if (s.path("state").asText().equals("live")) frames += s.path("videoFrames").asLong();
        }
        return frames;
    }

    private static String query(String url, String name) {
        String q = URI.create(url).getRawQuery();
        for (String pair : q == null ? new String[0] : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        throw new AssertionError("no " + name + " in " + url);
    }
}
