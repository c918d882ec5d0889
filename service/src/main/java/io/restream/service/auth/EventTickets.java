package io.restream.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.SetArgs;
import io.restream.core.crypto.Tokens;
import io.restream.core.error.ApiException;
import io.restream.core.json.Json;
import io.restream.core.model.Scope;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Single-use events tickets (API.md §1): {@code POST /api/v1/events/ticket} stores the caller's
 * principal (client, user, scopes, credential) under the SHA-256 of a random ticket for
 * {@value #TTL_SECONDS} s; {@code GET /api/v1/events?ticket=} takes it with one {@code GETDEL}, so
 * two streams can never open on one ticket, and no bearer token has to travel in a URL.
 */
public final class EventTickets {
    public static final int TTL_SECONDS = 60;
    private static final int MAX_TICKET_CHARS = 200;

    private final Redis redis;

    public EventTickets(Redis redis) {
        this.redis = redis;
    }

    public record Issued(String ticket, int expiresIn) {}

    public CompletionStage<Issued> issue(Principal p) {
        if (p.userId() == null) throw new ApiException(401, "missing_credentials", "A ticket is for a user: send X-User-Id with the key");
        String ticket = "tkt_" + Tokens.random(40);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", p.kind().name());
        n.put("cid", p.clientId());
        n.put("uid", p.userId());
        n.put("cred", p.credentialId());
        var scopes = n.putArray("scp");
        p.scopes().forEach(s -> scopes.add(s.id()));
        return redis.async().set(RedisKeys.eventTicket(Tokens.sha256Hex(ticket)), n.toString(), SetArgs.Builder.ex(TTL_SECONDS))
                .thenApply(ok -> new Issued(ticket, TTL_SECONDS));
    }

    /** The principal the ticket was issued to, consuming it; a used, expired or unknown ticket is {@code 401 invalid_credentials}. */
    public CompletionStage<Principal> redeem(String ticket) {
        if (ticket.length() > MAX_TICKET_CHARS) return CompletableFuture.failedFuture(invalid());
        return redis.async().getdel(RedisKeys.eventTicket(Tokens.sha256Hex(ticket))).thenApply(raw -> {
            if (raw == null) throw invalid();
            JsonNode n = Json.read(raw, JsonNode.class);
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            n.path("scp").forEach(s -> Scope.fromId(s.asText()).ifPresent(scopes::add));
            return new Principal(Principal.Kind.valueOf(n.path("kind").asText()), n.path("cid").asText(), n.path("uid").asText(),
                    scopes, n.path("cred").asText());
        });
    }

    private static ApiException invalid() {
        return new ApiException(401, "invalid_credentials", "The events ticket is unknown, expired or already used");
    }
}
