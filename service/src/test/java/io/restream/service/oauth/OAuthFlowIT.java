package io.restream.service.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.service.TestApi;
import io.restream.testkit.Fixture;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hosted OAuth against the platform simulator, over real HTTP, for each OAuth platform:
 * authorize → consent → callback → postMessage page → connection listed with the platform username;
 * replayed callbacks, replayed start links and denied consent change nothing and post {@code ok:false};
 * Kick's token exchange needs the right PKCE verifier.
 */
class OAuthFlowIT {
    @RegisterExtension
    static final Fixture<PlatformsTestBed> bed = Fixture.perClass(PlatformsTestBed::new);

    @ParameterizedTest
    @CsvSource({"twitch, alice, alice", "youtube, bob, Bob", "kick, carol, carol", "facebook, dave, Dave"})
    void consentConnectsTheAccountAndAReplayedCallbackChangesNothing(String platform, String login, String username) {
        var user = bed.get().newUser();
        PlatformsTestBed.Outcome out = bed.get().connect(user, platform, true, login);

        assertTrue(out.ok(), "ok:true posted: " + out.message());
        assertEquals("restream:oauth", out.message().path("type").asText());
        assertEquals(platform, out.message().path("platform").asText());
        assertEquals(PlatformsTestBed.OPENER, out.targetOrigin(), "posted to the opener's origin only");
        assertTrue(out.confirmation().startsWith("cfm_"), "the page carries the confirmation: " + out.message());
        assertTrue(out.page().body().contains("window.opener.postMessage(message, targetOrigin)"));
        assertTrue(out.page().headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'nonce-"));

        JsonNode list = bed.get().connectionsOf(user);
        assertEquals(1, list.size());
        JsonNode c = PlatformsTestBed.find(list, platform);
        assertNotNull(c, "connection listed: " + list);
        assertEquals(platform, c.path("platform").asText());
        assertEquals(username, c.path("platformUsername").asText());
        assertFalse(c.path("platformUserId").asText().isEmpty());
        assertFalse(c.path("needsReconnect").asBoolean());
        assertEquals(Set6.CONNECTION_FIELDS, fieldNames(c), "no token or key fields in a connection");

        PlatformsTestBed.Outcome replay = bed.get().callback(out.callbackUrl());
        assertFalse(replay.ok());
        assertEquals("invalid_state", replay.errorCode());
        assertEquals(list, bed.get().connectionsOf(user), "a replayed callback changes nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"twitch", "youtube", "kick", "facebook"})
    void deniedConsentPostsOkFalseAndConnectsNothing(String platform) {
        var user = bed.get().newUser();
        PlatformsTestBed.Outcome out = bed.get().connect(user, platform, false, "erin");
        assertFalse(out.ok());
        assertEquals("access_denied", out.errorCode());
        assertEquals(platform, out.message().path("platform").asText());
        assertEquals(PlatformsTestBed.OPENER, out.targetOrigin());
        assertEquals(0, bed.get().connectionsOf(user).size());
        // The state was spent by the denial: a forged approval for it is refused too.
        PlatformsTestBed.Outcome forged = bed.get().callback(out.callbackUrl().replaceFirst("error=[^&]+", "code=forged"));
        assertEquals("invalid_state", forged.errorCode());
        assertEquals(0, bed.get().connectionsOf(user).size());
    }

    @Test
    void kickRequiresTheRightPkceVerifier() {
        var user = bed.get().newUser();
        String consent = bed.get().consentUrl(bed.get().authorizeUrl(user, "kick"));
        Map<String, String> q = query(consent);
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").length(), "BASE64URL(SHA-256) challenge");
        String callback = bed.get().decide("kick", consent, true, "frank");
        Map<String, String> cb = query(callback);

        // Someone holding the code but not the verifier (kept by the service) gets nothing.
        HttpResponse<String> stolen = bed.get().call("POST", bed.get().sim.baseUrl() + "/kick/oauth/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=authorization_code&client_id=sim-kick-client&client_secret=sim-kick-secret&code=" + cb.get("code")
                        + "&redirect_uri=" + bed.get().base + "/oauth/kick/callback&code_verifier=" + Tokens.random(50));
        assertEquals(400, stolen.statusCode());
        assertEquals("invalid_grant", PlatformsTestBed.json(stolen).path("error").asText());

        // The code is spent by the failed attempt: the service's own exchange now fails, visibly.
        PlatformsTestBed.Outcome out = bed.get().callback(callback);
        assertFalse(out.ok());
        assertEquals("token_exchange_failed", out.errorCode());
        assertEquals(0, bed.get().connectionsOf(user).size());

        // Without any verifier the token endpoint refuses as well.
        String callback2 = bed.get().decide("kick", bed.get().consentUrl(bed.get().authorizeUrl(user, "kick")), true, "frank");
        HttpResponse<String> noVerifier = bed.get().call("POST", bed.get().sim.baseUrl() + "/kick/oauth/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=authorization_code&client_id=sim-kick-client&client_secret=sim-kick-secret&code=" + query(callback2).get("code")
                        + "&redirect_uri=" + bed.get().base + "/oauth/kick/callback");
        assertEquals(400, noVerifier.statusCode());

        // And Kick's consent URL without a challenge is refused by the platform.
        String withoutPkce = consent.replaceAll("&code_challenge(_method)?=[^&]*", "");
        HttpResponse<String> r = bed.get().call("GET", withoutPkce, Map.of(), null);
        assertEquals(302, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElse("").contains("error=invalid_request"));
    }

    @Test
    void startLinksAreSingleUseAndExpireInTenMinutes() throws Exception {
        var user = bed.get().newUser();
        long before = System.currentTimeMillis();
        HttpResponse<String> r = bed.get().call("POST", bed.get().base + "/api/v1/connections/twitch/authorize", user,
                Json.write(Map.of("origin", PlatformsTestBed.OPENER)));
        assertEquals(200, r.statusCode());
        JsonNode body = PlatformsTestBed.json(r);
        String url = body.get("authorizeUrl").asText();
        assertTrue(url.startsWith(bed.get().base + "/oauth/twitch/start?state="), "on the service's own origin: " + url);
        long expiresAt = body.get("expiresAt").asLong();
        assertTrue(expiresAt >= before + 599_000 && expiresAt <= System.currentTimeMillis() + 600_000, "10 minutes");
        String ticket = query(url).get("state");
        long pttl = bed.get().redis.sync().pttl("rs:oauth:start:" + Tokens.sha256Hex(ticket));
        assertTrue(pttl > 590_000 && pttl <= 600_000, "Redis forgets the ticket after 10 minutes: " + pttl);

        String consent = bed.get().consentUrl(url);
        String state = query(consent).get("state");
        assertFalse(state.equals(ticket), "the platform sees a different value than the start link");
        long statePttl = bed.get().redis.sync().pttl("rs:oauth:state:" + Tokens.sha256Hex(state));
        assertTrue(statePttl > 0 && statePttl <= pttl, "the state expires with the attempt: " + statePttl);

        HttpResponse<String> again = bed.get().call("GET", url, Map.of(), null);
        assertEquals(200, again.statusCode(), "a used start link answers with the result page");
        assertTrue(again.body().contains("\"ok\":false") && again.body().contains("invalid_state"));

        PlatformsTestBed.Outcome out = bed.get().callback(bed.get().decide("twitch", consent, true, "gina"));
        assertTrue(out.ok());
        assertEquals(PlatformsTestBed.OPENER, out.targetOrigin());
    }

    @Test
    void authorizeRefusesUnknownNonOAuthAndDisabledPlatforms() {
        var user = bed.get().newUser();
        HttpResponse<String> unknown = bed.get().call("POST", bed.get().base + "/api/v1/connections/myspace/authorize", user, "{}");
        assertEquals(400, unknown.statusCode());
        assertEquals("unknown_platform", PlatformsTestBed.json(unknown).path("error").path("code").asText());
        HttpResponse<String> instagram = bed.get().call("POST", bed.get().base + "/api/v1/connections/instagram/authorize", user, "{}");
        assertEquals(400, instagram.statusCode());
        HttpResponse<String> noAuth = bed.get().call("POST", bed.get().base + "/api/v1/connections/twitch/authorize", Map.of(), "{}");
        assertEquals(401, noAuth.statusCode());

        JsonNode platforms = PlatformsTestBed.json(bed.get().call("GET", bed.get().base + "/api/v1/platforms", user, null));
        for (JsonNode p : platforms) assertTrue(p.path("enabled").asBoolean(), "sandbox enables every platform: " + p);

        // Outside sandbox an unconfigured platform is disabled.
        try (TestApi pastedOnly = new TestApi()) {
            var t = pastedOnly.newTenant();
            TestApi.Res r = pastedOnly.call("POST", "/api/v1/connections/twitch/authorize", t.as("u1"), "{}");
            assertEquals(403, r.status());
            assertEquals("platform_disabled", r.errorCode());
            JsonNode list = pastedOnly.call("GET", "/api/v1/platforms", t.as("u1"), null).json();
            for (JsonNode p : list) {
                assertEquals(!p.path("oauth").asBoolean(), p.path("enabled").asBoolean(), "only pasted platforms enabled: " + p);
            }
        }
    }

    @Test
    void disconnectRevokesTheGrantAtThePlatform() {
        var user = bed.get().newUser();
        assertTrue(bed.get().connect(user, "kick", true, "hank").ok());
        int before = bed.get().simJson("GET", "/sim/kick/tokens", null).path("revocations").asInt();
        assertEquals(204, bed.get().call("DELETE", bed.get().base + "/api/v1/connections/kick", user, null).statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                bed.get().simJson("GET", "/sim/kick/tokens", null).path("revocations").asInt() == before + 1);
        assertEquals(0, bed.get().connectionsOf(user).size());
        assertEquals(404, bed.get().call("DELETE", bed.get().base + "/api/v1/connections/kick", user, null).statusCode());
    }

    @Test
    void aBrowserWithAPublishableKeyGetsTheResultAtItsOwnOriginOnly() {
        var user = bed.get().newUser();
        String clientId = user.get("X-Client-Id");
        String studio = "https://studio.example.com";
        String pk = PlatformsTestBed.json(bed.get().call("POST", bed.get().base + "/api/v1/admin/clients/" + clientId + "/keys",
                Map.of("Authorization", "Bearer " + bed.get().adminToken), Json.write(Map.of("type", "publishable",
                        "scopes", java.util.List.of("connect", "read"), "allowedOrigins", java.util.List.of(studio))))).get("key").asText();
        Map<String, String> browser = Map.of("X-Publishable-Key", pk, "X-User-Id", user.get("X-User-Id"), "Origin", studio);
        HttpResponse<String> evil = bed.get().call("POST", bed.get().base + "/api/v1/connections/youtube/authorize", browser,
                Json.write(Map.of("origin", "https://evil.example")));
        assertEquals(400, evil.statusCode(), evil.body());
        assertEquals("validation_failed", PlatformsTestBed.json(evil).path("error").path("code").asText());
        assertTrue(PlatformsTestBed.json(evil).path("error").path("fields").has("origin"), evil.body());
        HttpResponse<String> r = bed.get().call("POST", bed.get().base + "/api/v1/connections/youtube/authorize", browser, "{}");
        assertEquals(200, r.statusCode(), r.body());
        String url = PlatformsTestBed.json(r).get("authorizeUrl").asText();
        PlatformsTestBed.Outcome out = bed.get().callback(bed.get().decide("youtube", bed.get().consentUrl(url), true, "ivy"));
        assertTrue(out.ok());
        assertEquals(studio, out.targetOrigin(), "the browser's checked Origin");
        assertEquals(200, bed.get().confirm(browser, "youtube", out.confirmation()).statusCode());
        assertNotNull(PlatformsTestBed.find(bed.get().connectionsOf(user), "youtube"), "stored for the key's client and user");

        HttpResponse<String> wrongOrigin = bed.get().call("POST", bed.get().base + "/api/v1/connections/youtube/authorize",
                Map.of("X-Publishable-Key", pk, "X-User-Id", user.get("X-User-Id"), "Origin", "https://evil.example"), "{}");
        assertEquals(403, wrongOrigin.statusCode());
    }

    @Test
    void aStateWorksOnlyForItsOwnPlatform() {
        var user = bed.get().newUser();
        String callback = bed.get().decide("twitch", bed.get().consentUrl(bed.get().authorizeUrl(user, "twitch")), true, "jack");
        PlatformsTestBed.Outcome out = bed.get().callback(callback.replace("/oauth/twitch/callback", "/oauth/kick/callback"));
        assertFalse(out.ok());
        assertEquals("invalid_state", out.errorCode());
        assertEquals(0, bed.get().connectionsOf(user).size());
        assertEquals("invalid_state", bed.get().callback(callback).errorCode(), "and the state is spent");
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new java.util.HashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q == null) return out;
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static java.util.Set<String> fieldNames(JsonNode n) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    /** The public fields of a connection (API.md §3). */
    static final class Set6 {
        static final java.util.Set<String> CONNECTION_FIELDS = new java.util.TreeSet<>(java.util.List.of(
                "id", "platform", "platformUsername", "platformUserId", "connectedAt", "needsReconnect"));
    }
}
