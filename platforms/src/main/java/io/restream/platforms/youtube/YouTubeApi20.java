package io.restream.platforms.youtube;

import com.github.scribejava.apis.GoogleApi20;

/** ScribeJava's Google API with the endpoints from configuration (the simulator stands in for Google). */
final class YouTubeApi20 extends GoogleApi20 {
    private final String authorizeUrl;
    private final String tokenUrl;
    private final String revokeUrl;

    YouTubeApi20(String authorizeUrl, String tokenUrl, String revokeUrl) {
        this.authorizeUrl = authorizeUrl;
        this.tokenUrl = tokenUrl;
        this.revokeUrl = revokeUrl;
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
    public String getRevokeTokenEndpoint() {
        return revokeUrl;
    }
}
