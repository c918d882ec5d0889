package io.restream.platforms.kick;

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

/**
 * Kick, as registered in {@link io.restream.platforms.PlatformModules}. Its chat also offers the
 * {@link KickWebhooks} verifier (found with {@code ChatAdapters.service(KickWebhooks.class)}).
 */
public final class KickModule implements PlatformModule {
    static final String API = "https://api.kick.com";

    @Override
    public Platform platform() {
        return Platform.KICK;
    }

    @Override
    public Map<String, String> productionUrls() {
        return Map.of("AUTH_URL", "https://id.kick.com/oauth/authorize", "TOKEN_URL", "https://id.kick.com/oauth/token",
                "REVOKE_URL", "https://id.kick.com/oauth/revoke", "API_URL", API);
    }

    @Override
    public Map<String, String> simulatorUrls(String sim) {
        return Map.of("AUTH_URL", sim + "/kick/oauth/authorize", "TOKEN_URL", sim + "/kick/oauth/token",
                "REVOKE_URL", sim + "/kick/oauth/revoke", "API_URL", sim + "/kick");
    }

    @Override
    public String defaultScopes() {
        return "user:read channel:read channel:write streamkey:read events:subscribe chat:write";
    }

    @Override
    public Optional<OAuthProvider> oauth(PlatformEndpoints endpoints, OAuthConfig config, PlatformHttp http) {
        return Optional.of(new KickOAuth(endpoints, http, config.scopes(Platform.KICK)));
    }

    @Override
    public Optional<StreamMetadata> metadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return Optional.of(new KickMetadata(endpoints, http, tokens));
    }

    @Override
    public BroadcastSetup broadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return new KickBroadcast(endpoints, http, tokens, new KickMetadata(endpoints, http, tokens));
    }

    /** {@code api}: {@code api.kick.com} (paths {@code /public/v1/...} below it). */
    @Override
    public Map<String, String> chatUrls(PlatformEndpoints e, String sim) {
        return Map.of("api", e != null ? e.apiUrl() : sim != null ? sim + "/kick" : API);
    }

    @Override
    public Optional<Chat> chat(Map<String, String> urls, PlatformHttp http, ScheduledExecutorService timers) {
        String api = urls.get("api");
        return Optional.of(Chat.of(new KickChat(api, http, timers), new KickWebhooks(api, http.client())));
    }
}
