package io.restream.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.testkit.Fixture;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulated OAuth servers on their own, as a platform client sees them: auto-approve, PKCE,
 * rotating refresh tokens (the old one stops working), Google's non-rotating refresh, Facebook's
 * long-lived exchange, Twitch's validate, revocation, and the control API's expiry and revocation.
 */
class SimOAuthIT {
    static final String REDIRECT = "http://127.0.0.1:1/oauth/callback";
    @RegisterExtension
    static final Fixture<SimClient> client = Fixture.perClass(SimClient::startSimulator);

    @Test
    void kickCodeFlowWithPkceAndRotatingRefreshTokens() throws Exception {
        String verifier = "v".repeat(43) + "kick";
        String code = authorize("/kick/oauth/authorize", "sim-kick-client", "user:read channel:read streamkey:read", s256(verifier), "kim");
        JsonNode wrong = token("/kick/oauth/token", "kick", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier + "x"));
        assertEquals("invalid_grant", wrong.path("error").asText(), "wrong verifier refused (and the code spent)");

        code = authorize("/kick/oauth/authorize", "sim-kick-client", "user:read channel:read streamkey:read", s256(verifier), "kim");
        JsonNode t = token("/kick/oauth/token", "kick", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertEquals("Bearer", t.path("token_type").asText());
        assertTrue(t.path("expires_in").asLong() > 3000);
        String access = t.path("access_token").asText();
        JsonNode channel = client.get().json("GET", "/kick/public/v1/channels", Map.of("Authorization", "Bearer " + access), null);
        assertEquals("kim", channel.path("data").path(0).path("slug").asText());
        assertTrue(channel.path("data").path(0).path("stream").path("url").asText().startsWith("rtmps://"));
        assertTrue(channel.path("data").path(0).path("stream").path("key").asText().startsWith("sk_"));

        JsonNode r1 = token("/kick/oauth/token", "kick", Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token").asText()));
        assertNotEquals(t.path("refresh_token").asText(), r1.path("refresh_token").asText(), "a new pair");
        JsonNode reused = token("/kick/oauth/token", "kick", Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token").asText()));
        assertEquals("invalid_grant", reused.path("error").asText(), "the rotated-away refresh token is spent");

        assertTrue(client.get().json("POST", "/sim/kick/tokens/expire", Map.of(), null).path("expired").asInt() >= 1);
        assertEquals(401, client.get().send("GET", "/kick/public/v1/users", Map.of("Authorization", "Bearer " + r1.path("access_token").asText()), null).statusCode());
        JsonNode r2 = token("/kick/oauth/token", "kick", Map.of("grant_type", "refresh_token", "refresh_token", r1.path("refresh_token").asText()));
        assertEquals(200, client.get().send("GET", "/kick/public/v1/users", Map.of("Authorization", "Bearer " + r2.path("access_token").asText()), null).statusCode());

        client.get().json("POST", "/sim/kick/tokens/revoke", Map.of(), null);
        assertEquals("invalid_grant", token("/kick/oauth/token", "kick", Map.of("grant_type", "refresh_token",
                "refresh_token", r2.path("refresh_token").asText())).path("error").asText(), "refresh fails after revocation");
    }

    @Test
    void googleKeepsItsRefreshTokenAndTwitchValidates() throws Exception {
        String code = authorize("/youtube/o/oauth2/v2/auth", "sim-youtube-client", "https://www.googleapis.com/auth/youtube.force-ssl", null, "yuri");
        JsonNode t = token("/youtube/token", "youtube", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
        JsonNode r = token("/youtube/token", "youtube", Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token").asText()));
        assertTrue(r.path("refresh_token").isMissingNode(), "Google returns no new refresh token");
        JsonNode again = token("/youtube/token", "youtube", Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token").asText()));
        assertTrue(again.has("access_token"), "and the old one keeps working");

        code = authorize("/twitch/oauth2/authorize", "sim-twitch-client", "channel:read:stream_key", null, "tia");
        JsonNode tw = token("/twitch/oauth2/token", "twitch", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertTrue(tw.path("scope").isArray(), "Twitch sends scopes as an array");
        JsonNode valid = client.get().json("GET", "/twitch/oauth2/validate", Map.of("Authorization", "OAuth " + tw.path("access_token").asText()), null);
        assertEquals("tia", valid.path("login").asText());
        assertEquals("sim-twitch-client", valid.path("client_id").asText());
        assertEquals(401, client.get().send("GET", "/twitch/oauth2/validate", Map.of("Authorization", "OAuth nope"), null).statusCode());
    }

    @Test
    void facebookExchangesForALongLivedToken() throws Exception {
        String code = authorize("/facebook/www/v23.0/dialog/oauth", "sim-facebook-client", "publish_video", null, "fay");
        HttpResponse<String> shortLived = client.get().send("GET", "/facebook/graph/v23.0/oauth/access_token?client_id=sim-facebook-client"
                + "&client_secret=sim-facebook-secret&redirect_uri=" + REDIRECT + "&code=" + code, Map.of(), null);
        JsonNode s = Json.read(shortLived.body(), JsonNode.class);
        assertTrue(s.path("expires_in").asLong() <= 7200);
        JsonNode l = token("/facebook/graph/v23.0/oauth/access_token", "facebook", Map.of("grant_type", "fb_exchange_token",
                "fb_exchange_token", s.path("access_token").asText()));
        assertTrue(l.path("expires_in").asLong() > 50L * 24 * 3600, "about 60 days");
        JsonNode me = client.get().json("GET", "/facebook/graph/v23.0/me?fields=id,name,picture", Map.of("Authorization", "Bearer " + l.path("access_token").asText()), null);
        assertEquals("Fay", me.path("name").asText());
    }

    /** Auto-approved authorize → the code from the redirect. */
    private static String authorize(String path, String clientId, String scope, String challenge, String login) throws Exception {
        String url = path + "?response_type=code&client_id=" + clientId + "&redirect_uri=" + SimHttp.q(REDIRECT) + "&scope=" + SimHttp.q(scope)
                + "&state=s1&login=" + login + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
        HttpResponse<String> r = client.get().send("GET", url, Map.of(), null);
        assertEquals(302, r.statusCode(), r.body());
        Map<String, String> q = query(r.headers().firstValue("Location").orElseThrow());
        assertEquals("s1", q.get("state"));
        return q.get("code");
    }

    private static JsonNode token(String path, String platform, Map<String, String> form) throws Exception {
        Map<String, String> all = new HashMap<>(form);
        all.put("client_id", "sim-" + platform + "-client");
        all.put("client_secret", "sim-" + platform + "-secret");
        StringBuilder body = new StringBuilder();
        all.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(SimHttp.q(v)));
        return Json.read(client.get().send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), body.toString()).body(), JsonNode.class);
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String kv : URI.create(url).getRawQuery().split("&")) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
