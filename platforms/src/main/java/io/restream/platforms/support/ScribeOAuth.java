package io.restream.platforms.support;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthResponseException;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.AuthorizationUrlBuilder;
import com.github.scribejava.core.oauth.OAuth20Service;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.platforms.port.AuthorizationRequest;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.port.PlatformException;
import io.restream.platforms.port.TokenGrant;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The OAuth 2.0 authorization-code flow on ScribeJava, shared by the platforms: consent URL (with
 * PKCE S256 when the platform takes it), code exchange, refresh. Subclasses give the
 * {@link DefaultApi20} and whatever differs. ScribeJava's exception messages can quote response
 * bodies, so only their class names are ever passed on.
 */
public abstract class ScribeOAuth implements OAuthProvider {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 15_000;

    protected final PlatformEndpoints endpoints;
    protected final PlatformHttp http;
    private final String scope;
    private final boolean pkce;

    protected ScribeOAuth(PlatformEndpoints endpoints, PlatformHttp http, String scope, boolean pkce) {
        this.endpoints = endpoints;
        this.http = http;
        this.scope = scope;
        this.pkce = pkce;
    }

    protected abstract DefaultApi20 api();

    /** Extra parameters of the consent URL (Google: {@code access_type=offline}, {@code prompt=consent}). */
    protected Map<String, String> authorizeParams() {
        return Map.of();
    }

    protected OAuth20Service service(String redirectUri) {
        ServiceBuilder b = new ServiceBuilder(endpoints.clientId()).apiSecret(endpoints.clientSecret().reveal())
                .httpClientConfig(JDKHttpClientConfig.defaultConfig().withConnectTimeout(CONNECT_TIMEOUT_MS).withReadTimeout(READ_TIMEOUT_MS));
        if (redirectUri != null) b.callback(redirectUri);
        b.defaultScope(scope);
        return b.build(api());
    }

    @Override
    public AuthorizationRequest authorize(String state, String redirectUri) {
        try (OAuth20Service service = service(redirectUri)) {
            AuthorizationUrlBuilder b = service.createAuthorizationUrlBuilder().state(state);
            if (!authorizeParams().isEmpty()) b.additionalParams(authorizeParams());
            if (pkce) b.initPKCE();
            String url = b.build();
            return new AuthorizationRequest(url, pkce ? b.getPkce().getCodeVerifier() : null);
        } catch (IOException e) {
            throw new IllegalStateException("closing the OAuth service failed", e);
        }
    }

    @Override
    public TokenGrant exchange(String code, String codeVerifier, String redirectUri) throws PlatformException {
        try (OAuth20Service service = service(redirectUri)) {
            AccessTokenRequestParams params = AccessTokenRequestParams.create(code);
            if (codeVerifier != null) params.pkceCodeVerifier(codeVerifier);
            return afterExchange(grant(service.getAccessToken(params)));
        } catch (OAuthResponseException e) {
            throw new PlatformException("token_exchange_failed", platform().id() + " refused the authorization code (" + e.getResponse().getCode() + ")");
        } catch (OAuthException e) {
            throw new PlatformException("token_exchange_failed", platform().id() + " did not return tokens for the authorization code");
        } catch (IOException | ExecutionException e) {
            throw new PlatformException("token_exchange_failed", platform().id() + " could not be reached to exchange the code (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("token_exchange_failed", "interrupted");
        }
    }

    /** A hook after the code exchange (Facebook swaps the short-lived token for a long-lived one). */
    protected TokenGrant afterExchange(TokenGrant grant) throws PlatformException {
        return grant;
    }

    @Override
    public TokenGrant refresh(ConnectionSecrets secrets) throws PlatformException {
        if (secrets.refreshToken() == null) {
            throw new PlatformException("needs_reconnect", platform().id() + " gave no refresh token: reconnect " + platform().id());
        }
        try (OAuth20Service service = service(null)) {
            return grant(service.refreshAccessToken(secrets.refreshToken()));
        } catch (OAuthResponseException e) {
            int status = e.getResponse().getCode();
            if (status >= 500) throw new PlatformException("platform_unreachable", platform().id() + " token endpoint answered " + status);
            throw refused();
        } catch (OAuthException e) {
            throw refused();
        } catch (IOException | ExecutionException e) {
            throw new PlatformException("platform_unreachable", platform().id() + " token endpoint could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("platform_unreachable", "interrupted");
        }
    }

    protected PlatformException refused() {
        return new PlatformException("needs_reconnect", platform().id() + " refused to renew the access: reconnect " + platform().id());
    }

    protected static TokenGrant grant(OAuth2AccessToken t) {
        Long expiresAt = t.getExpiresIn() == null ? null : System.currentTimeMillis() + t.getExpiresIn() * 1000L;
        String scope = t.getScope() == null || t.getScope().isEmpty() ? null : t.getScope();
        return new TokenGrant(t.getAccessToken(), t.getRefreshToken(), expiresAt, scope);
    }
}
