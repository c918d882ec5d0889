package io.restream.service.oauth;

import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.error.ApiException;
import io.restream.core.model.Connection;
import io.restream.core.model.Platform;
import io.restream.core.model.Scope;
import io.restream.core.model.UserRef;
import io.restream.platforms.port.AuthorizationRequest;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.PlatformIdentity;
import io.restream.platforms.port.TokenGrant;
import io.restream.service.ServiceContext;
import io.restream.service.auth.AuthHandlers;
import io.restream.service.auth.Principal;
import io.restream.service.http.Bodies;
import io.restream.service.http.Fields;
import io.restream.service.http.Handlers;
import io.restream.service.http.Responses;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosted OAuth (docs/API.md §3):
 *
 * <pre>
 * POST /api/v1/connections/{platform}/authorize  (connect)  → { authorizeUrl, expiresAt }
 * GET  /oauth/{platform}/start?state=&lt;ticket&gt;            → 302 to the platform's consent page
 * GET  /oauth/{platform}/callback?code=&amp;state=            → postMessage page (or loopback redirect) with a
 *                                                           confirmation; the grant is held, not linked
 * POST /api/v1/connections/{platform}/confirm    (connect)  → 200 Connection: only now is it stored
 * </pre>
 *
 * Tickets and states are single use and expire ten minutes after {@code authorize}; each is bound
 * to (clientId, userId, platform, opener origin or returnUrl). The confirmation reaches only the
 * opener that asked, and only the same client and user can spend it, so a forwarded
 * {@code authorizeUrl} links nothing. Any failure leaves the connections unchanged.
 */
public final class OAuthRoutes implements RouteModule {
    private static final Logger log = LoggerFactory.getLogger(OAuthRoutes.class);

    private final ServiceContext ctx;
    private final OAuthStates states;
    private final PendingGrants pending;

    public OAuthRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.states = new OAuthStates(ctx.redis());
        this.pending = new PendingGrants(ctx.redis(), ctx.box());
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/connections/:platform/authorize").handler(ctx.auth().user(Scope.CONNECT)).handler(Handlers.async(this::onAuthorize));
        router.get("/oauth/:platform/start").handler(Handlers.async(this::onStart));
        router.get("/oauth/:platform/callback").handler(Handlers.async(this::onCallback));
        router.post("/api/v1/connections/:platform/confirm").handler(ctx.auth().user(Scope.CONNECT)).handler(Handlers.async(this::onConfirm));
    }

    /** Links a held grant: only the client and user that asked, once, within ten minutes; else 404 and nothing changes. */
    private Future<?> onConfirm(RoutingContext rc) {
        UserRef user = AuthHandlers.principal(rc).user();
        String platform = rc.pathParam("platform");
        Fields f = new Fields(Bodies.object(rc));
        String confirmation = f.string("confirmation", null, null);
        if (!f.ok()) throw ApiException.validation(f.problems());
        return Handlers.await(rc, pending.take(user, platform, confirmation)).compose(grant -> {
            if (grant.isEmpty()) throw new ApiException(404, "not_found", "No sign-in to confirm: unknown, expired, already used or not this user's");
            return Handlers.await(rc, ctx.connections().put(user, grant.get().connection(), grant.get().secrets())).compose(saved -> {
                log.info("user {} of client {} connected {} as {}", user.userId(), user.clientId(), platform, saved.platformUsername());
                return Responses.json(rc, 200, saved);
            });
        });
    }

    private Future<?> onAuthorize(RoutingContext rc) {
        Principal principal = AuthHandlers.principal(rc);
        Platform platform = Platform.fromId(rc.pathParam("platform")).orElseThrow(() ->
                new ApiException(400, "unknown_platform", "Unknown platform " + abbreviate(rc.pathParam("platform"))));
        if (!platform.oauth()) {
            throw new ApiException(400, "unknown_platform", platform.id() + " has no sign-in: connect it with POST /api/v1/connections/" + platform.id());
        }
        if (!ctx.platforms().enabled(platform) || ctx.platforms().oauthProvider(platform).isEmpty()) {
            throw new ApiException(403, "platform_disabled", platform.id() + " is not enabled on this service");
        }
        UserRef user = principal.user();
        String header = rc.request().getHeader("Origin");
        var body = Bodies.object(rc);
        return Handlers.await(rc, ctx.clients().allowedOrigins(user.clientId())).compose(allowed -> {
            OpenerTarget target = OpenerTarget.resolve(header, body, allowed);
            long expiresAt = System.currentTimeMillis() + OAuthStates.TTL_MS;
            OAuthAttempt attempt = new OAuthAttempt(user.clientId(), user.userId(), platform.id(), target.origin(), target.returnUrl(),
                    expiresAt, null, null);
            return Handlers.await(rc, states.newTicket(attempt)).compose(ticket -> Responses.json(rc, 200, Map.of(
                    "authorizeUrl", ctx.publicUrl() + "/oauth/" + platform.id() + "/start?state=" + ticket,
                    "expiresAt", expiresAt)));
        });
    }

    private Future<?> onStart(RoutingContext rc) {
        String platformId = rc.pathParam("platform");
        Optional<OAuthProvider> provider = Platform.fromId(platformId).flatMap(ctx.platforms()::oauthProvider);
        return Handlers.await(rc, states.takeTicket(rc.request().getParam("state"))).compose(found -> {
            if (found.isEmpty() || provider.isEmpty() || !found.get().platform().equals(platformId)) {
                return OAuthResultPage.failure(rc, platformId, (OAuthAttempt) null, "invalid_state", "This sign-in link is unknown, expired or already used.");
            }
            OAuthAttempt attempt = found.get();
            String redirectUri = ctx.publicUrl() + "/oauth/" + platformId + "/callback";
            String state = OAuthStates.newState();
            AuthorizationRequest request = provider.get().authorize(state, redirectUri);
            String sealed = request.codeVerifier() == null ? null : ctx.box().encrypt(request.codeVerifier());
            return Handlers.await(rc, states.putState(state, attempt.started(redirectUri, sealed))).compose(v -> {
                rc.response().setStatusCode(302).putHeader("Location", request.url()).putHeader("Cache-Control", "no-store")
                        .putHeader("Referrer-Policy", "no-referrer");
                return rc.response().end();
            });
        });
    }

    private Future<?> onCallback(RoutingContext rc) {
        String platformId = rc.pathParam("platform");
        return Handlers.await(rc, states.takeState(rc.request().getParam("state"))).compose(found -> {
            if (found.isEmpty() || !found.get().platform().equals(platformId)) {
                return OAuthResultPage.failure(rc, platformId, (OAuthAttempt) null, "invalid_state", "This sign-in is unknown, expired or already completed.");
            }
            OAuthAttempt attempt = found.get();
            String error = rc.request().getParam("error");
            if (error != null) {
                boolean denied = error.equals("access_denied");
                return OAuthResultPage.failure(rc, platformId, attempt, denied ? "access_denied" : "authorization_failed",
                        denied ? "Access was not granted on " + platformId + "." : platformId + " refused the sign-in (" + abbreviate(error) + ").");
            }
            String code = rc.request().getParam("code");
            OAuthProvider provider = Platform.fromId(platformId).flatMap(ctx.platforms()::oauthProvider).orElse(null);
            if (code == null || code.isEmpty() || provider == null) {
                return OAuthResultPage.failure(rc, platformId, attempt, "invalid_request", "The platform sent no authorization code.");
            }
            return ctx.vertx().executeBlocking(() -> connect(provider, attempt, code), false)
                    .compose(connection -> Handlers.await(rc, pending.hold(connection.user(), connection.connection(), connection.secrets())))
                    .compose(confirmation -> {
                        log.info("user {} of client {} signed in to {}; waiting for the confirm", attempt.userId(), attempt.clientId(), platformId);
                        return OAuthResultPage.success(rc, platformId, attempt, confirmation);
                    }, e -> {
                        String code2 = e instanceof PlatformException pe ? pe.code() : "unavailable";
                        log.info("user {} of client {} could not connect {}: {}", attempt.userId(), attempt.clientId(), platformId, code2);
                        return OAuthResultPage.failure(rc, platformId, attempt, code2,
                                e instanceof PlatformException ? e.getMessage() : "The connection could not be saved; try again.");
                    });
        });
    }

    /** The new connection and its secrets. */
    private record NewConnection(UserRef user, Connection connection, ConnectionSecrets secrets) {}

    /** Code exchange and identity; blocking (HTTP to the platform). */
    private NewConnection connect(OAuthProvider provider, OAuthAttempt attempt, String code) throws PlatformException {
        String verifier = attempt.sealedVerifier() == null ? null : ctx.box().decrypt(attempt.sealedVerifier());
        TokenGrant grant = provider.exchange(code, verifier, attempt.redirectUri());
        PlatformIdentity who = provider.identify(grant.accessToken());
        Map<String, String> extra = new HashMap<>(who.extra());
        extra.put("validatedAt", Long.toString(System.currentTimeMillis()));
        Platform p = provider.platform();
        Connection c = new Connection(p.id(), p, who.username(), who.userId(), System.currentTimeMillis(), false);
        return new NewConnection(new UserRef(attempt.clientId(), attempt.userId()), c, grant.applyTo(null, extra));
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        String clean = s.replaceAll("[^A-Za-z0-9_.:-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
