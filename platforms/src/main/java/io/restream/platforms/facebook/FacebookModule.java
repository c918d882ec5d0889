package io.restream.platforms.facebook;

import io.restream.core.crypto.Secret;
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
 * Facebook, as registered in {@link io.restream.platforms.PlatformModules}. Configured with the
 * login dialog and the Graph API only: the token URL is {@code <graph>/oauth/access_token},
 * revocation {@code DELETE <graph>/me/permissions}.
 */
public final class FacebookModule implements PlatformModule {
    public static final String GRAPH_VERSION = "v23.0";
    static final String GRAPH = "https://graph.facebook.com/" + GRAPH_VERSION;
    static final String STREAMING = "https://streaming-graph.facebook.com";

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    @Override
    public Map<String, String> productionUrls() {
        return Map.of("AUTH_URL", "https://www.facebook.com/" + GRAPH_VERSION + "/dialog/oauth", "GRAPH_URL", GRAPH);
    }

    @Override
    public Map<String, String> simulatorUrls(String sim) {
        return Map.of("AUTH_URL", sim + "/facebook/www/" + GRAPH_VERSION + "/dialog/oauth", "GRAPH_URL", sim + "/facebook/graph/" + GRAPH_VERSION);
    }

    @Override
    public String defaultScopes() {
        return "public_profile,publish_video,pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_engagement";
    }

    @Override
    public PlatformEndpoints endpoints(String clientId, Secret clientSecret, Map<String, String> urls) {
        String graph = urls.get("GRAPH_URL");
        return new PlatformEndpoints(clientId, clientSecret, urls.get("AUTH_URL"), graph + "/oauth/access_token", graph + "/me/permissions", graph, Map.of());
    }

    @Override
    public Optional<OAuthProvider> oauth(PlatformEndpoints endpoints, OAuthConfig config, PlatformHttp http) {
        return Optional.of(new FacebookOAuth(endpoints, http, config.scopes(Platform.FACEBOOK)));
    }

    @Override
    public Optional<StreamMetadata> metadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return Optional.of(new FacebookMetadata(endpoints, http, tokens));
    }

    @Override
    public BroadcastSetup broadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return new FacebookBroadcast(endpoints, http, tokens);
    }

    /** {@code graph}: the Graph API with its version; {@code streaming}: the live_comments SSE host. */
    @Override
    public Map<String, String> chatUrls(PlatformEndpoints e, String sim) {
        String graph = e != null ? e.apiUrl() : sim != null ? sim + "/facebook/graph/" + GRAPH_VERSION : GRAPH;
        String streaming = e != null && e.more("streaming") != null ? e.more("streaming") : sim != null ? sim + "/facebook/streaming" : STREAMING;
        return Map.of("graph", graph, "streaming", streaming);
    }

    @Override
    public Optional<Chat> chat(Map<String, String> urls, PlatformHttp http, ScheduledExecutorService timers) {
        return Optional.of(Chat.of(new FacebookChat(urls.get("graph"), urls.get("streaming"), http, timers)));
    }
}
