package io.restream.platforms.twitch;

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

/** Twitch, as registered in {@link io.restream.platforms.PlatformModules}. */
public final class TwitchModule implements PlatformModule {
    static final String API = "https://api.twitch.tv/helix";
    static final String EVENTSUB = "wss://eventsub.wss.twitch.tv/ws";

    @Override
    public Platform platform() {
        return Platform.TWITCH;
    }

    @Override
    public Map<String, String> productionUrls() {
        return Map.of("AUTH_URL", "https://id.twitch.tv/oauth2/authorize", "TOKEN_URL", "https://id.twitch.tv/oauth2/token",
                "REVOKE_URL", "https://id.twitch.tv/oauth2/revoke", "VALIDATE_URL", "https://id.twitch.tv/oauth2/validate",
                "API_URL", API, "INGEST_LIST_URL", "https://ingest.twitch.tv/ingests");
    }

    @Override
    public Map<String, String> simulatorUrls(String sim) {
        return Map.of("AUTH_URL", sim + "/twitch/oauth2/authorize", "TOKEN_URL", sim + "/twitch/oauth2/token",
                "REVOKE_URL", sim + "/twitch/oauth2/revoke", "VALIDATE_URL", sim + "/twitch/oauth2/validate",
                "API_URL", sim + "/twitch/helix", "INGEST_LIST_URL", sim + "/twitch/ingests");
    }

    /** Going live, chat in/out (docs/PLATFORMS.md, "Scopes to request"). */
    @Override
    public String defaultScopes() {
        return "channel:read:stream_key channel:manage:broadcast user:read:chat user:write:chat";
    }

    @Override
    public Optional<OAuthProvider> oauth(PlatformEndpoints endpoints, OAuthConfig config, PlatformHttp http) {
        return Optional.of(new TwitchOAuth(endpoints, http, config.scopes(Platform.TWITCH), config.twitchValidateInterval()));
    }

    @Override
    public Optional<StreamMetadata> metadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return Optional.of(new TwitchMetadata(endpoints, http, tokens));
    }

    @Override
    public BroadcastSetup broadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return new TwitchBroadcast(endpoints, http, tokens, new TwitchMetadata(endpoints, http, tokens));
    }

    /** {@code helix}, {@code eventsub} (the EventSub WebSocket) and the app's {@code clientId}. */
    @Override
    public Map<String, String> chatUrls(PlatformEndpoints e, String sim) {
        String helix = e != null ? e.apiUrl() : sim != null ? sim + "/twitch/helix" : API;
        String eventSub = e != null && e.more("eventsub") != null ? e.more("eventsub")
                : sim != null ? sim.replaceFirst("^http", "ws") + "/twitch/eventsub/ws" : EVENTSUB;
        String clientId = e != null ? e.clientId() : sim != null ? "sim-twitch-client" : "";
        return Map.of("helix", helix, "eventsub", eventSub, "clientId", clientId);
    }

    @Override
    public Optional<Chat> chat(Map<String, String> urls, PlatformHttp http, ScheduledExecutorService timers) {
        return Optional.of(Chat.of(new TwitchChat(new TwitchChat.Urls(urls.get("helix"), urls.get("eventsub"), urls.get("clientId")), http, timers)));
    }
}
