package io.restream.sim.api;

import io.restream.sim.SimHttp;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimToken;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/** Bearer checks of the simulated REST APIs, answering refusals in each platform's error shape. */
final class ApiAuth {
    private ApiAuth() {}

    /** The caller's token, or empty after answering 401 (or the platform's equivalent). */
    static Optional<SimToken> require(RoutingContext rc, SimPlatform p) {
        Optional<SimToken> t = p.authenticate(SimHttp.bearer(rc));
        if (t.isPresent() && p.id.equals("twitch") && !p.clientId.equals(rc.request().getHeader("Client-Id"))) {
            SimHttp.json(rc, 401, Map.of("error", "Unauthorized", "status", 401, "message", "Client ID and OAuth token do not match"));
            return Optional.empty();
        }
        if (t.isEmpty()) refuse(rc, p.id);
        return t;
    }

    static void refuse(RoutingContext rc, String platform) {
        switch (platform) {
            case "twitch" -> SimHttp.json(rc, 401, Map.of("error", "Unauthorized", "status", 401, "message", "Invalid OAuth token"));
            case "youtube" -> SimHttp.json(rc, 401, Map.of("error", Map.of("code", 401,
                    "message", "Request had invalid authentication credentials. Expected OAuth 2 access token.",
                    "errors", java.util.List.of(Map.of("message", "Invalid Credentials", "domain", "global", "reason", "authError")),
                    "status", "UNAUTHENTICATED")));
            case "facebook" -> SimHttp.json(rc, 400, Map.of("error", Map.of("message", "Error validating access token: the session is invalid.",
                    "type", "OAuthException", "code", 190, "error_subcode", 463, "fbtrace_id", "SimTrace")));
            default -> SimHttp.json(rc, 401, Map.of("message", "Unauthorized"));
        }
    }

    /** The request's JSON body, or null when it is not JSON. */
    static com.fasterxml.jackson.databind.JsonNode jsonBody(RoutingContext rc) {
        try {
            String s = rc.body() == null ? null : rc.body().asString();
            return s == null || s.isBlank() ? io.restream.core.json.Json.MAPPER.createObjectNode()
                    : io.restream.core.json.Json.read(s, com.fasterxml.jackson.databind.JsonNode.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean hasScope(SimToken t, String scope) {
        return t.scopes.contains(scope);
    }
}
