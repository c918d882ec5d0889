package io.restream.service.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.restream.core.model.Scope;
import java.util.List;

/** A client's key as the admin API lists it: never the secret itself, only its prefix. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiKey(
        String id,
        String clientId,
        Type type,
        String prefix,
        List<Scope> scopes,
        List<String> allowedOrigins,
        long createdAt,
        Long revokedAt) {

    public enum Type {
        PUBLISHABLE, SECRET;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() { return name().toLowerCase(); }

        public String keyPrefix() { return this == SECRET ? "sk_live_" : "pk_live_"; }
    }

    public boolean active() { return revokedAt == null; }
}
