package io.restream.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.service.TestApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A page served by the service itself (the Studio at /demo/) sends no {@code Origin} on its GETs:
 * browsers omit it for same-origin GETs. Its {@code Sec-Fetch-Site: same-origin}, which page
 * scripts cannot set, stands for the request's own origin, which the key must still allow.
 */
class SameOriginPageIT {
    @Test
    void aSameOriginGetCountsAsTheServicesOwnOriginOnlyWhenTheKeyAllowsIt() {
        try (TestApi api = new TestApi()) {
            TestApi.Tenant t = api.newTenant();
            String own = api.newPublishableKey(t.clientId(), List.of("read", "connect"), List.of(api.base));
            String elsewhere = api.newPublishableKey(t.clientId(), List.of("read", "connect"), List.of("https://app.example.com"));

            TestApi.Res bare = api.call("GET", "/api/v1/connections", headers(own, null), null);
            assertEquals(403, bare.status());
            assertEquals("origin_not_allowed", bare.errorCode());

            TestApi.Res sameOrigin = api.call("GET", "/api/v1/connections", headers(own, "same-origin"), null);
            assertEquals(200, sameOrigin.status(), sameOrigin.text());

            TestApi.Res crossSite = api.call("GET", "/api/v1/connections", headers(own, "cross-site"), null);
            assertEquals(403, crossSite.status(), "only a same-origin claim stands for the request's origin");

            TestApi.Res notListed = api.call("GET", "/api/v1/connections", headers(elsewhere, "same-origin"), null);
            assertEquals(403, notListed.status(), "the service's own origin must be on the key's list");
            assertEquals("origin_not_allowed", notListed.errorCode());
        }
    }

    private static Map<String, String> headers(String key, String secFetchSite) {
        Map<String, String> h = new HashMap<>(Map.of("X-Publishable-Key", key, "X-User-Id", "page-user"));
        if (secFetchSite != null) h.put("Sec-Fetch-Site", secFetchSite);
        return h;
    }
}
