package io.restream.sim.oauth;

import static io.restream.sim.SimHttp.param;

import io.restream.core.crypto.Tokens;
import io.restream.sim.SimHttp;
import io.restream.sim.state.AuthCode;
import io.restream.sim.state.SimPlatform;
import io.restream.sim.state.SimState;
import io.restream.sim.state.SimToken;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The platforms' OAuth 2.0 servers at their real paths: authorize (consent page or auto-approve),
 * token (authorization code with PKCE S256 verification, refresh with rotation where the platform
 * rotates, Facebook's {@code fb_exchange_token}), revocation, and Twitch's {@code validate}.
 */
public final class SimOAuth {
    /** Facebook's long-lived user tokens last about 60 days. */
    static final Duration FACEBOOK_LONG_LIVED = Duration.ofDays(60);
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_]{1,25}");

    /** An authorize request waiting on the consent page. */
    private record Pending(OAuthFlavor flavor, String clientId, String redirectUri, String state, List<String> scopes,
                           String codeChallenge, long expiresAtMs) {}

    private final SimState state;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public SimOAuth(SimState state) {
        this.state = state;
    }

    public void mount(Router router) {
        for (OAuthFlavor f : OAuthFlavor.values()) {
            router.get(f.authorizePath).handler(rc -> onAuthorize(rc, f));
            router.get("/sim/" + f.platform + "/authorize").handler(rc -> onAuthorize(rc, f));
            router.post("/sim/" + f.platform + "/consent").handler(rc -> onConsent(rc, f));
            router.post(f.tokenPath).handler(rc -> onToken(rc, f));
        }
        router.get(OAuthFlavor.FACEBOOK.tokenPath).handler(rc -> onToken(rc, OAuthFlavor.FACEBOOK));
        router.get("/twitch/oauth2/validate").handler(this::onTwitchValidate);
        router.post("/twitch/oauth2/revoke").handler(rc -> onRevoke(rc, OAuthFlavor.TWITCH));
        router.post("/youtube/revoke").handler(rc -> onRevoke(rc, OAuthFlavor.YOUTUBE));
        router.post("/kick/oauth/revoke").handler(rc -> onRevoke(rc, OAuthFlavor.KICK));
        router.delete("/facebook/graph/:version/me/permissions").handler(rc -> onFacebookDeauthorize(rc));
    }

    private void onAuthorize(RoutingContext rc, OAuthFlavor f) {
        SimPlatform p = state.platform(f.platform);
        String clientId = param(rc, "client_id");
        String redirectUri = param(rc, "redirect_uri");
        if (clientId == null || !clientId.equals(p.clientId) || redirectUri == null || !redirectUri.matches("https?://.+")) {
            SimHttp.html(rc, 400, "<!doctype html><p>Invalid client or redirect_uri.</p>");
            return;
        }
        String stateParam = param(rc, "state");
        if (!"code".equals(param(rc, "response_type"))) {
            SimHttp.redirect(rc, errorRedirect(redirectUri, stateParam, "unsupported_response_type", "response_type must be code"));
            return;
        }
        String challenge = param(rc, "code_challenge");
        if (challenge != null && !"S256".equals(param(rc, "code_challenge_method"))) {
            SimHttp.redirect(rc, errorRedirect(redirectUri, stateParam, "invalid_request", "code_challenge_method must be S256"));
            return;
        }
        if (f.pkceRequired && challenge == null) {
            SimHttp.redirect(rc, errorRedirect(redirectUri, stateParam, "invalid_request", "code_challenge is required"));
            return;
        }
        Pending req = new Pending(f, clientId, redirectUri, stateParam, SimPlatform.scopes(param(rc, "scope")), challenge,
                System.currentTimeMillis() + 600_000);
        String login = param(rc, "login");
        if (state.autoApprove()) {
            SimHttp.redirect(rc, approve(req, login != null && LOGIN.matcher(login).matches() ? login : state.autoApproveLogin()));
            return;
        }
        String id = Tokens.random(24);
        pending.put(id, req);
        SimHttp.html(rc, 200, ConsentPage.render(f.platform, id, clientId, req.scopes(), login == null ? SimState.DEFAULT_LOGIN : login));
    }

    private void onConsent(RoutingContext rc, OAuthFlavor f) {
        String id = param(rc, "request");
        Pending req = id == null ? null : pending.remove(id);
        if (req == null || req.flavor() != f || req.expiresAtMs() < System.currentTimeMillis()) {
            SimHttp.html(rc, 400, "<!doctype html><p>This authorization request is unknown or expired.</p>");
            return;
        }
        if (!"approve".equals(param(rc, "decision"))) {
            SimHttp.redirect(rc, errorRedirect(req.redirectUri(), req.state(), "access_denied", "The user denied you access"));
            return;
        }
        String login = param(rc, "login");
        SimHttp.redirect(rc, approve(req, login != null && LOGIN.matcher(login).matches() ? login : SimState.DEFAULT_LOGIN));
    }

    private String approve(Pending req, String login) {
        SimPlatform p = state.platform(req.flavor().platform);
        AuthCode code = p.newCode(p.user(login), req.clientId(), req.redirectUri(), req.scopes(), req.codeChallenge());
        return req.redirectUri() + (req.redirectUri().contains("?") ? "&" : "?") + "code=" + SimHttp.q(code.code())
                + (req.state() == null ? "" : "&state=" + SimHttp.q(req.state()));
    }

    private static String errorRedirect(String redirectUri, String stateParam, String error, String description) {
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "error=" + SimHttp.q(error)
                + "&error_description=" + SimHttp.q(description) + (stateParam == null ? "" : "&state=" + SimHttp.q(stateParam));
    }

    private void onToken(RoutingContext rc, OAuthFlavor f) {
        SimPlatform p = state.platform(f.platform);
        String[] client = SimHttp.clientCredentials(rc);
        if (!p.clientId.equals(client[0]) || !p.clientSecret.equals(client[1])) {
            SimHttp.json(rc, f == OAuthFlavor.TWITCH ? 403 : 401, f.error(401, "invalid_client", "invalid client credentials"));
            return;
        }
        String grant = param(rc, "grant_type");
        if ("authorization_code".equals(grant) || (grant == null && f == OAuthFlavor.FACEBOOK && param(rc, "code") != null)) {
            exchangeCode(rc, f, p);
        } else if ("refresh_token".equals(grant) && f.refreshTokens) {
            p.refresh(param(rc, "refresh_token"), p.clientId, f.rotatesRefresh).ifPresentOrElse(
                    t -> SimHttp.json(rc, 200, f.tokenBody(t.access, f == OAuthFlavor.YOUTUBE ? null : t.refresh,
                            t.expiresInSeconds(System.currentTimeMillis()), t.scopes)),
                    () -> SimHttp.json(rc, 400, f.error(400, "invalid_grant", "Invalid refresh token")));
        } else if ("fb_exchange_token".equals(grant) && f == OAuthFlavor.FACEBOOK) {
            p.authenticate(param(rc, "fb_exchange_token")).ifPresentOrElse(short_ -> {
                SimToken t = p.issue(short_.user, p.clientId, short_.scopes, null, FACEBOOK_LONG_LIVED);
                SimHttp.json(rc, 200, f.tokenBody(t.access, null, t.expiresInSeconds(System.currentTimeMillis()), t.scopes));
            }, () -> SimHttp.json(rc, 400, f.error(400, "invalid_grant", "Error validating access token: the session is invalid")));
        } else {
            SimHttp.json(rc, 400, f.error(400, "unsupported_grant_type", "unsupported grant_type"));
        }
    }

    private void exchangeCode(RoutingContext rc, OAuthFlavor f, SimPlatform p) {
        AuthCode code = p.takeCode(param(rc, "code")).orElse(null);
        if (code == null || !code.clientId().equals(p.clientId)) {
            SimHttp.json(rc, 400, f.error(400, "invalid_grant", "Invalid authorization code"));
            return;
        }
        if (!code.redirectUri().equals(param(rc, "redirect_uri"))) {
            SimHttp.json(rc, 400, f.error(400, "invalid_grant", "redirect_uri does not match the authorization request"));
            return;
        }
        if (code.codeChallenge() != null && !code.codeChallenge().equals(s256(param(rc, "code_verifier")))) {
            SimHttp.json(rc, 400, f.error(400, "invalid_grant", "code_verifier does not match the code_challenge"));
            return;
        }
        SimToken t = p.issue(code.user(), p.clientId, code.scopes(), f.refreshTokens);
        SimHttp.json(rc, 200, f.tokenBody(t.access, t.refresh, t.expiresInSeconds(System.currentTimeMillis()), t.scopes));
    }

    private void onTwitchValidate(RoutingContext rc) {
        SimPlatform p = state.platform("twitch");
        p.validated();
        p.authenticate(SimHttp.bearer(rc)).ifPresentOrElse(t -> SimHttp.json(rc, 200, Map.of(
                        "client_id", t.clientId, "login", t.user.login(), "scopes", t.scopes, "user_id", t.user.id(),
                        "expires_in", t.expiresInSeconds(System.currentTimeMillis()))),
                () -> SimHttp.json(rc, 401, Map.of("status", 401, "message", "invalid access token")));
    }

    private void onRevoke(RoutingContext rc, OAuthFlavor f) {
        SimPlatform p = state.platform(f.platform);
        String token = param(rc, "token");
        if (f == OAuthFlavor.TWITCH && !p.clientId.equals(param(rc, "client_id"))) {
            SimHttp.json(rc, 400, f.error(400, "invalid_client", "Invalid client_id"));
            return;
        }
        if (!p.revoke(token)) {
            SimHttp.json(rc, 400, f.error(400, "invalid_token", "Invalid token"));
            return;
        }
        SimHttp.json(rc, 200, Map.of());
    }

    private void onFacebookDeauthorize(RoutingContext rc) {
        SimPlatform p = state.platform("facebook");
        SimToken t = p.authenticate(SimHttp.bearer(rc)).orElse(null);
        if (t == null) {
            SimHttp.json(rc, 401, OAuthFlavor.FACEBOOK.error(401, "invalid_token", "Error validating access token"));
            return;
        }
        p.revokeUser(t.user, t.clientId);
        SimHttp.json(rc, 200, Map.of("success", true));
    }

    /** BASE64URL(SHA-256(verifier)) without padding, as RFC 7636 defines S256. */
    static String s256(String verifier) {
        if (verifier == null) return null;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Expired authorize requests are forgotten. */
    public void sweep() {
        long now = System.currentTimeMillis();
        pending.values().removeIf(r -> r.expiresAtMs() < now);
    }
}
