package io.restream.service.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.testkit.Fixture;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OAuth confirmation step (API.md §3): a callback links nothing by itself; only the same
 * client and user, once, within ten minutes, can confirm; a forwarded {@code authorizeUrl} that a
 * stranger completes links nothing; the opener must be on the client's allowlists or a loopback
 * {@code returnUrl}; every platform's consent page is forced.
 */
class OAuthConfirmIT {
    @RegisterExtension
    static final Fixture<PlatformsTestBed> bed = Fixture.perClass(PlatformsTestBed::new);

    /** Authorize, start, consent and callback, without the confirm. */
    private static PlatformsTestBed.Outcome signIn(Map<String, String> user, String platform, String login) {
        return bed.get().callback(bed.get().decide(platform, bed.get().consentUrl(bed.get().authorizeUrl(user, platform)), true, login));
    }

    @Test
    void aForwardedLinkCompletedByAStrangerLinksNothing() {
        var attacker = bed.get().newUser();
        String forwarded = bed.get().authorizeUrl(attacker, "twitch");
        // The stranger opens the link in their own browser (no opener) and approves as themselves.
        PlatformsTestBed.Outcome strangers = bed.get().callback(bed.get().decide("twitch", bed.get().consentUrl(forwarded), true, "victim"));
        assertTrue(strangers.ok());
        assertEquals(PlatformsTestBed.OPENER, strangers.targetOrigin(), "the confirmation is posted to the attacker's registered opener only");
        assertEquals(0, bed.get().connectionsOf(attacker).size(), "the callback alone linked nothing");
        // Without the page's confirmation the attacker can only guess.
        HttpResponse<String> guess = bed.get().confirm(attacker, "twitch", "cfm_" + "A".repeat(40));
        assertEquals(404, guess.statusCode());
        assertEquals("not_found", PlatformsTestBed.json(guess).path("error").path("code").asText());
        assertEquals(0, bed.get().connectionsOf(attacker).size());
    }

    @Test
    void onlyTheUserThatAskedConfirmsAndOnlyOnce() throws Exception {
        var alice = bed.get().newUser();
        PlatformsTestBed.Outcome out = signIn(alice, "kick", "alice_k");
        assertTrue(out.ok());
        assertEquals(0, bed.get().connectionsOf(alice).size());

        // Another user of the same client, and a user of another client with the same userId.
        Map<String, String> sibling = new LinkedHashMap<>(alice);
        sibling.put("X-User-Id", alice.get("X-User-Id") + "-other");
        var otherClient = bed.get().newUser();
        Map<String, String> sameIdElsewhere = new LinkedHashMap<>(otherClient);
        sameIdElsewhere.put("X-User-Id", alice.get("X-User-Id"));
        for (Map<String, String> intruder : java.util.List.of(sibling, sameIdElsewhere)) {
            HttpResponse<String> r = bed.get().confirm(intruder, "kick", out.confirmation());
            assertEquals(404, r.statusCode(), r.body());
            assertEquals("not_found", PlatformsTestBed.json(r).path("error").path("code").asText());
            assertEquals(0, bed.get().connectionsOf(intruder).size());
        }
        // The wrong platform finds nothing and spends nothing.
        assertEquals(404, bed.get().confirm(alice, "twitch", out.confirmation()).statusCode());

        HttpResponse<String> ok = bed.get().confirm(alice, "kick", out.confirmation());
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode c = PlatformsTestBed.json(ok);
        assertEquals("kick", c.path("id").asText());
        assertEquals("alice_k", c.path("platformUsername").asText());
        assertEquals(OAuthFlowIT.Set6.CONNECTION_FIELDS, OAuthFlowIT.fieldNames(c), "no token in the answer");
        assertNotNull(bed.get().stored(alice, "kick").secrets().accessToken(), "tokens stored at the confirm");
        JsonNode before = bed.get().connectionsOf(alice);
        assertEquals(1, before.size());

        HttpResponse<String> reuse = bed.get().confirm(alice, "kick", out.confirmation());
        assertEquals(404, reuse.statusCode());
        assertEquals(before, bed.get().connectionsOf(alice), "a reused confirmation changes nothing");
    }

    @Test
    void anExpiredConfirmationIsNotFound() {
        var user = bed.get().newUser();
        PlatformsTestBed.Outcome out = signIn(user, "youtube", "late");
        String pattern = "rs:oauth:pending:{" + user.get("X-Client-Id") + ":" + user.get("X-User-Id") + "}:*";
        var keys = bed.get().redis.sync().keys(pattern);
        assertEquals(1, keys.size(), "held under the user's tag");
        long pttl = bed.get().redis.sync().pttl(keys.get(0));
        assertTrue(pttl > 590_000 && pttl <= 600_000, "held for 10 minutes: " + pttl);
        assertFalse(bed.get().redis.sync().get(keys.get(0)).contains("access"), "the held tokens are sealed");
        bed.get().redis.sync().pexpire(keys.get(0), 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> bed.get().redis.sync().exists(keys.get(0)) == 0L);
        assertEquals(404, bed.get().confirm(user, "youtube", out.confirmation()).statusCode());
        assertEquals(0, bed.get().connectionsOf(user).size());
        HttpResponse<String> missing = bed.get().call("POST", bed.get().base + "/api/v1/connections/youtube/confirm", user, "{}");
        assertEquals(400, missing.statusCode());
        assertTrue(PlatformsTestBed.json(missing).path("error").path("fields").has("confirmation"));
    }

    @Test
    void aNativeAppsLoopbackReturnUrlGetsARedirectWithTheConfirmation() {
        var user = bed.get().newUser();
        HttpResponse<String> r = bed.get().call("POST", bed.get().base + "/api/v1/connections/facebook/authorize", user,
                Json.write(Map.of("returnUrl", "http://127.0.0.1:41234/done?app=1")));
        assertEquals(200, r.statusCode(), r.body());
        String callback = bed.get().decide("facebook", bed.get().consentUrl(PlatformsTestBed.json(r).get("authorizeUrl").asText()), true, "native");
        HttpResponse<String> page = bed.get().call("GET", callback, Map.of(), null);
        assertEquals(302, page.statusCode());
        String location = page.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("http://127.0.0.1:41234/done?app=1&platform=facebook&confirmation=cfm_"), location);
        assertEquals(0, bed.get().connectionsOf(user).size());
        String confirmation = OAuthFlowIT.query(location).get("confirmation");
        assertEquals(200, bed.get().confirm(user, "facebook", confirmation).statusCode());
        assertEquals(1, bed.get().connectionsOf(user).size());

        HttpResponse<String> ipv6 = bed.get().call("POST", bed.get().base + "/api/v1/connections/facebook/authorize", user,
                Json.write(Map.of("returnUrl", "http://[::1]:5000/cb")));
        assertEquals(200, ipv6.statusCode(), ipv6.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:4000/cb", "http://localhost:4000/cb", "http://127.0.0.1/cb", "http://10.0.0.1:80/cb",
            "http://127.0.0.1.evil.example:80/", "http://user@127.0.0.1:80/", "javascript:alert(1)", "http://[::2]:80/"})
    void aReturnUrlThatIsNotLoopbackIsRefused(String returnUrl) {
        var user = bed.get().newUser();
        HttpResponse<String> r = bed.get().call("POST", bed.get().base + "/api/v1/connections/twitch/authorize", user,
                Json.write(Map.of("returnUrl", returnUrl)));
        assertEquals(400, r.statusCode(), returnUrl + " → " + r.body());
        JsonNode e = PlatformsTestBed.json(r).path("error");
        assertEquals("validation_failed", e.path("code").asText());
        assertTrue(e.path("fields").has("returnUrl"), r.body());
    }

    @Test
    void anOpenerMustBeOnTheClientsAllowlistsAndOneIsRequired() {
        var user = bed.get().newUser();
        HttpResponse<String> foreign = bed.get().call("POST", bed.get().base + "/api/v1/connections/twitch/authorize", user,
                Json.write(Map.of("origin", "https://evil.example")));
        assertEquals(400, foreign.statusCode());
        assertTrue(PlatformsTestBed.json(foreign).path("error").path("fields").has("origin"), foreign.body());
        assertFalse(foreign.body().contains("authorizeUrl"));

        HttpResponse<String> none = bed.get().call("POST", bed.get().base + "/api/v1/connections/twitch/authorize", user, "{}");
        assertEquals(400, none.statusCode());
        assertEquals("validation_failed", PlatformsTestBed.json(none).path("error").path("code").asText());
        assertTrue(PlatformsTestBed.json(none).path("error").path("fields").has("origin"), none.body());

        Map<String, String> foreignBrowser = new LinkedHashMap<>(user);
        foreignBrowser.put("Origin", "https://evil.example");
        HttpResponse<String> header = bed.get().call("POST", bed.get().base + "/api/v1/connections/twitch/authorize", foreignBrowser, "{}");
        assertEquals(400, header.statusCode());
        assertTrue(PlatformsTestBed.json(header).path("error").path("fields").has("origin"), header.body());

        Map<String, String> ownBrowser = new LinkedHashMap<>(user);
        ownBrowser.put("Origin", PlatformsTestBed.OPENER);
        assertEquals(200, bed.get().call("POST", bed.get().base + "/api/v1/connections/twitch/authorize", ownBrowser, "{}").statusCode());
    }

    @ParameterizedTest
    @CsvSource({"twitch, force_verify, true", "youtube, prompt, consent", "kick, prompt, consent", "facebook, auth_type, reauthenticate"})
    void everyPlatformIsAskedToShowItsConsentPage(String platform, String param, String value) {
        var user = bed.get().newUser();
        Map<String, String> q = OAuthFlowIT.query(bed.get().consentUrl(bed.get().authorizeUrl(user, platform)));
        assertEquals(value, q.get(param), platform + " consent URL: " + q);
        assertNull(q.get("confirmation"));
    }
}
