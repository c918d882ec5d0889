package io.restream.service.auth;

import io.restream.core.crypto.Secret;
import io.restream.core.crypto.Tokens;
import io.restream.core.error.ApiException;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns a request's credential into a {@link Principal} (docs/API.md §1). Query-parameter credentials
 * ({@code ?ticket=}, {@code ?token=}, {@code ?publishableKey=&userId=}) are read only when the
 * route allows them (the SSE stream); a ticket is spent by reading it.
 */
public final class Authenticator {
    private final Secret adminToken;
    private final ClientStore clients;
    private final SessionTokens tokens;
    private final EventTickets tickets;

    public Authenticator(Secret adminToken, ClientStore clients, SessionTokens tokens, EventTickets tickets) {
        this.adminToken = adminToken;
        this.clients = clients;
        this.tokens = tokens;
        this.tickets = tickets;
    }

    public boolean isAdmin(RoutingContext ctx) {
        String bearer = bearer(ctx);
        return bearer != null && Tokens.constantTimeEquals(bearer, adminToken.reveal());
    }

    /** The operator, or 401. */
    public CompletionStage<Principal> admin(RoutingContext ctx) {
        String bearer = bearer(ctx);
        if (bearer == null) return failed(401, "missing_credentials", "Authorization: Bearer <admin token> is required");
        if (!Tokens.constantTimeEquals(bearer, adminToken.reveal())) {
            return failed(401, "invalid_credentials", "The admin token is not valid");
        }
        return CompletableFuture.completedFuture(new Principal(Principal.Kind.ADMIN, null, null, EnumSet.noneOf(Scope.class), "admin"));
    }

    /** A client backend's secret key, without a user ({@code POST /auth/session}). */
    public CompletionStage<Principal> secretKey(RoutingContext ctx) {
        String value = header(ctx, "X-API-Key");
        if (value == null) return failed(401, "missing_credentials", "X-API-Key: <secret key> is required");
        return clients.findByValue(value).thenApply(found -> {
            ApiKey key = found.filter(k -> k.type() == ApiKey.Type.SECRET)
                    .orElseThrow(() -> new ApiException(401, "invalid_credentials", "The secret key is not valid"));
            return new Principal(Principal.Kind.SECRET_KEY, key.clientId(), null, EnumSet.allOf(Scope.class), key.id());
        });
    }

    /**
     * A principal acting for a user: a session token, a secret key with {@code X-User-Id}, or a
     * publishable key with {@code X-User-Id} from an allowed origin.
     */
    public CompletionStage<Principal> user(RoutingContext ctx, boolean allowQuery) {
        String bearer = bearer(ctx);
        String ticket = allowQuery && bearer == null ? query(ctx, "ticket") : null;
        if (ticket != null) return tickets.redeem(ticket);
        String token = bearer != null ? bearer : allowQuery ? query(ctx, "token") : null;
        if (token != null) {
            if (Tokens.constantTimeEquals(token, adminToken.reveal())) {
                return failed(401, "invalid_credentials", "The admin token cannot act for a user");
            }
            return tokens.verify(token, System.currentTimeMillis());
        }
        String secret = header(ctx, "X-API-Key");
        if (secret != null) {
            return clients.findByValue(secret).thenApply(found -> {
                ApiKey key = found.filter(k -> k.type() == ApiKey.Type.SECRET)
                        .orElseThrow(() -> new ApiException(401, "invalid_credentials", "The secret key is not valid"));
                String userId = requireUserId(header(ctx, "X-User-Id"));
                return new Principal(Principal.Kind.SECRET_KEY, key.clientId(), userId, EnumSet.allOf(Scope.class), key.id());
            });
        }
        String publishable = header(ctx, "X-Publishable-Key");
        String userIdValue = header(ctx, "X-User-Id");
        if (publishable == null && allowQuery) {
            publishable = query(ctx, "publishableKey");
            userIdValue = query(ctx, "userId");
        }
        if (publishable != null) {
            String origin = browserOrigin(ctx);
            String userIdGiven = userIdValue;
            return clients.findByValue(publishable).thenApply(found -> {
                ApiKey key = found.filter(k -> k.type() == ApiKey.Type.PUBLISHABLE)
                        .orElseThrow(() -> new ApiException(401, "invalid_credentials", "The publishable key is not valid"));
                if (origin == null || !key.allowedOrigins().contains(origin)) {
                    throw new ApiException(403, "origin_not_allowed",
                            origin == null ? "A publishable key needs the browser's Origin header" : "Origin " + origin + " is not allowed for this key");
                }
                String userId = requireUserId(userIdGiven);
                EnumSet<Scope> scopes = key.scopes().isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(key.scopes());
                return new Principal(Principal.Kind.PUBLISHABLE_KEY, key.clientId(), userId, scopes, key.id());
            });
        }
        return failed(401, "missing_credentials", "A session token, secret key or publishable key is required");
    }

    /** Any valid credential: the operator, a key (with or without user), or a session token. */
    public CompletionStage<Principal> any(RoutingContext ctx) {
        if (isAdmin(ctx)) return admin(ctx);
        if (header(ctx, "X-API-Key") != null && header(ctx, "X-User-Id") == null) return secretKey(ctx);
        return user(ctx, false);
    }

    private static String requireUserId(String userId) {
        if (userId == null) throw new ApiException(401, "missing_credentials", "X-User-Id is required with a key");
        if (!UserRef.validUserId(userId)) {
            throw ApiException.validation("X-User-Id", "1-128 characters of [A-Za-z0-9._:@-]");
        }
        return userId;
    }

    private static String bearer(RoutingContext ctx) {
        String h = header(ctx, "Authorization");
        if (h == null) return null;
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String v = h.substring(7).trim();
            return v.isEmpty() ? null : v;
        }
        return null;
    }

    /**
     * The page's origin: the {@code Origin} header, or for a same-origin GET (browsers send no
     * {@code Origin} there) the request's own origin when the browser vouches for it with
     * {@code Sec-Fetch-Site: same-origin}, a header page scripts cannot set. This lets the
     * Studio page served by the service use a publishable key on its own origin.
     */
    private static String browserOrigin(RoutingContext ctx) {
        String origin = header(ctx, "Origin");
        if (origin != null) return origin;
        // authority() covers HTTP/1.1's Host and HTTP/2's :authority alike
        io.vertx.core.net.HostAndPort authority = ctx.request().authority();
        if (authority == null || !"same-origin".equals(header(ctx, "Sec-Fetch-Site"))) return null;
        return ctx.request().scheme() + "://" + authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
    }

    private static String header(RoutingContext ctx, String name) {
        String v = ctx.request().getHeader(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String query(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static <T> CompletionStage<T> failed(int status, String code, String message) {
        return CompletableFuture.failedFuture(new ApiException(status, code, message));
    }
}
