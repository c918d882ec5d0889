package io.restream.platforms.twitch;

import com.github.scribejava.core.extractors.OAuth2AccessTokenJsonExtractor;
import com.github.scribejava.core.extractors.TokenExtractor;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthResponseException;
import com.github.scribejava.core.model.Response;
import io.restream.platforms.support.FormAuthApi20;
import java.io.IOException;

/**
 * Twitch's OAuth endpoints for ScribeJava (which has no Twitch class): client credentials in the
 * form body, as Twitch requires, and Twitch's error shape ({@code {"status":400,"message":…}}).
 */
final class TwitchApi20 extends FormAuthApi20 {
    TwitchApi20(String authorizeUrl, String tokenUrl) {
        super(authorizeUrl, tokenUrl);
    }

    @Override
    public TokenExtractor<OAuth2AccessToken> getAccessTokenExtractor() {
        return Extractor.INSTANCE;
    }

    /** Twitch errors carry {@code status}/{@code message}, not RFC 6749's {@code error}. */
    private static final class Extractor extends OAuth2AccessTokenJsonExtractor {
        static final Extractor INSTANCE = new Extractor();

        @Override
        public void generateError(Response response) throws IOException {
            throw new OAuthResponseException(response);
        }
    }
}
