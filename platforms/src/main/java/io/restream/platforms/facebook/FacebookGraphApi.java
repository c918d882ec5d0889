package io.restream.platforms.facebook;

import com.github.scribejava.apis.FacebookApi;

/** ScribeJava's Facebook API at a current Graph version, with the endpoints from configuration. */
final class FacebookGraphApi extends FacebookApi {
    private final String dialogUrl;
    private final String tokenUrl;

    FacebookGraphApi(String version, String dialogUrl, String tokenUrl) {
        super(version);
        this.dialogUrl = dialogUrl;
        this.tokenUrl = tokenUrl;
    }

    @Override
    public String getAccessTokenEndpoint() {
        return tokenUrl;
    }

    @Override
    public String getRefreshTokenEndpoint() {
        return tokenUrl;
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        return dialogUrl;
    }
}
