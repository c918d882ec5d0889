package io.restream.service.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * Where a sign-in's outcome goes (API.md §3): the opener page's origin (the request's
 * {@code Origin}, else {@code origin} from the body), which must be on one of the client's keys'
 * allowlists, or a native app's loopback {@code returnUrl} (RFC 8252). A request with neither is
 * refused: the outcome, and the confirmation it carries, must only reach the page that asked.
 *
 * @param origin the opener origin, or null with a returnUrl
 * @param returnUrl the loopback URL to redirect to, or null
 */
record OpenerTarget(String origin, String returnUrl) {

    /** Resolves and checks the target; {@code 400 validation_failed} naming the field otherwise. */
    static OpenerTarget resolve(String headerOrigin, JsonNode body, Set<String> allowedOrigins) {
        Optional<String> returnUrl = text(body, "returnUrl");
        if (returnUrl.isPresent()) {
            if (!loopback(returnUrl.get())) {
                throw ApiException.validation("returnUrl", "a loopback URL such as http://127.0.0.1:<port>/callback or http://[::1]:<port>/callback");
            }
            return new OpenerTarget(null, returnUrl.get());
        }
        Optional<String> asked = text(body, "origin");
        if (headerOrigin != null && !headerOrigin.isBlank()) {
            if (!allowedOrigins.contains(headerOrigin)) {
                throw ApiException.validation("origin", "the request's Origin is not on any of this client's keys' allowedOrigins");
            }
            if (asked.isPresent() && !asked.get().equals(headerOrigin)) {
                throw ApiException.validation("origin", "must be the request's own Origin when a browser sends one");
            }
            return new OpenerTarget(headerOrigin, null);
        }
        if (asked.isPresent()) {
            if (!allowedOrigins.contains(asked.get())) {
                throw ApiException.validation("origin", "not on any of this client's keys' allowedOrigins");
            }
            return new OpenerTarget(asked.get(), null);
        }
        throw ApiException.validation("origin", "required: the opener page's origin (or a loopback returnUrl for a native app)");
    }

    /** {@code http://127.0.0.1:<port>/…} or {@code http://[::1]:<port>/…}, nothing else. */
    static boolean loopback(String url) {
        if (url.length() > 2048) return false;
        try {
            URI u = new URI(url);
            return "http".equals(u.getScheme()) && u.getRawUserInfo() == null && u.getRawFragment() == null
                    && ("127.0.0.1".equals(u.getHost()) || "[::1]".equals(u.getHost()))
                    && u.getPort() > 0 && u.getPort() <= 65535;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isTextual() || n.textValue().isBlank()) throw ApiException.validation(field, "must be a non-empty string");
        return Optional.of(n.textValue());
    }
}
