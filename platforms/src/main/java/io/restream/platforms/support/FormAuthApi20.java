package io.restream.platforms.support;

import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.oauth2.clientauthentication.ClientAuthentication;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;

/**
 * An OAuth 2.0 provider for ScribeJava whose endpoints come from configuration (production or the
 * simulator) and whose token requests carry the client credentials in the form body, as Twitch and
 * Kick require. ScribeJava has no class for either.
 */
public class FormAuthApi20 extends DefaultApi20 {
    private final String authorizeUrl;
    private final String tokenUrl;

    public FormAuthApi20(String authorizeUrl, String tokenUrl) {
        this.authorizeUrl = authorizeUrl;
        this.tokenUrl = tokenUrl;
    }

    @Override
    public String getAccessTokenEndpoint() {
        return tokenUrl;
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        return authorizeUrl;
    }

    @Override
    public ClientAuthentication getClientAuthentication() {
        return RequestBodyAuthenticationScheme.instance();
    }
}
