package io.restream.platforms.youtube;

import io.restream.core.model.Platform;
import io.restream.platforms.OAuthConfig;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.PlatformModule;
import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.port.StreamMetadata;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.TokenKeeper;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** YouTube, as registered in {@link io.restream.platforms.PlatformModules}. */
public final class YouTubeModule implements PlatformModule {
    static final String API = "https://www.googleapis.com/youtube/v3";

    @Override
    public Platform platform() {
        return Platform.YOUTUBE;
    }

    @Override
    public Map<String, String> productionUrls() {
        return Map.of("AUTH_URL", "https://accounts.google.com/o/oauth2/v2/auth", "TOKEN_URL", "https://oauth2.googleapis.com/token",
                "REVOKE_URL", "https://oauth2.googleapis.com/revoke", "API_URL", API);
    }

    @Override
    public Map<String, String> simulatorUrls(String sim) {
        return Map.of("AUTH_URL", sim + "/youtube/o/oauth2/v2/auth", "TOKEN_URL", sim + "/youtube/token",
                "REVOKE_URL", sim + "/youtube/revoke", "API_URL", sim + "/youtube/youtube/v3");
    }

    @Override
    public String defaultScopes() {
        return "https://www.googleapis.com/auth/youtube.force-ssl";
    }

    @Override
    public Optional<OAuthProvider> oauth(PlatformEndpoints endpoints, OAuthConfig config, PlatformHttp http) {
        return Optional.of(new YouTubeOAuth(endpoints, http, config.scopes(Platform.YOUTUBE)));
    }

    @Override
    public Optional<StreamMetadata> metadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return Optional.of(new YouTubeMetadata(endpoints, http, tokens));
    }

    @Override
    public BroadcastSetup broadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return new YouTubeBroadcast(endpoints, http, tokens);
    }

    /** {@code api}: the Data API v3. */
    @Override
    public Map<String, String> chatUrls(PlatformEndpoints e, String sim) {
        return Map.of("api", e != null ? e.apiUrl() : sim != null ? sim + "/youtube/youtube/v3" : API);
    }

    @Override
    public Optional<Chat> chat(Map<String, String> urls, PlatformHttp http, ScheduledExecutorService timers) {
        return Optional.of(Chat.of(new YouTubeChat(urls.get("api"), http, timers)));
    }
}
