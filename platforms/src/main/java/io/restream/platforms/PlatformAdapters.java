package io.restream.platforms;

import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.port.StreamMetadata;
import io.restream.platforms.facebook.FacebookMetadata;
import io.restream.platforms.kick.KickMetadata;
import io.restream.platforms.twitch.TwitchMetadata;
import io.restream.platforms.youtube.YouTubeMetadata;

import io.restream.core.connections.ConnectionStore;
import io.restream.core.model.Platform;
import io.restream.platforms.facebook.FacebookBroadcast;
import io.restream.platforms.facebook.FacebookOAuth;
import io.restream.platforms.kick.KickBroadcast;
import io.restream.platforms.kick.KickOAuth;
import io.restream.platforms.pasted.PastedIngestSetup;
import io.restream.platforms.support.RestClient;
import io.restream.platforms.support.TokenKeeper;
import io.restream.platforms.twitch.TwitchBroadcast;
import io.restream.platforms.twitch.TwitchOAuth;
import io.restream.platforms.youtube.YouTubeBroadcast;
import io.restream.platforms.youtube.YouTubeOAuth;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that maps a {@link Platform} to its adapters: sign-in ({@link OAuthProvider}),
 * going live ({@link BroadcastSetup}), and chat/viewers ({@link ChatAdapters}). Custom and
 * Instagram push to pasted URLs and are always enabled; an OAuth platform is enabled when it is
 * configured (always, in sandbox, where it points at the simulator).
 */
public final class PlatformAdapters {
    private final Map<Platform, BroadcastSetup> broadcastSetups;
    private final Map<Platform, StreamMetadata> metadata;
    private final Map<Platform, OAuthProvider> oauth;
    private final TokenKeeper tokens;
    private final ChatAdapters chat;

    private PlatformAdapters(Map<Platform, BroadcastSetup> broadcastSetups, Map<Platform, StreamMetadata> metadata,
                             Map<Platform, OAuthProvider> oauth, TokenKeeper tokens, ChatAdapters chat) {
        this.broadcastSetups = Map.copyOf(broadcastSetups);
        this.metadata = Map.copyOf(metadata);
        this.oauth = Map.copyOf(oauth);
        this.tokens = tokens;
        this.chat = chat;
    }

    /** Adapters that need no platform API: custom and Instagram. */
    public static PlatformAdapters pastedOnly() {
        return new PlatformAdapters(pasted(), Map.of(), Map.of(), null, ChatAdapters.none());
    }

    /**
     * Every configured platform's adapters. Tokens are refreshed through {@code connections}
     * (rotated refresh tokens saved, refusals marked {@code needsReconnect}).
     */
    public static PlatformAdapters create(OAuthConfig config, ConnectionStore connections) {
        RestClient http = RestClient.create();
        Map<Platform, OAuthProvider> providers = new EnumMap<>(Platform.class);
        config.endpoints(Platform.TWITCH).ifPresent(e -> providers.put(Platform.TWITCH,
                new TwitchOAuth(e, http, config.scopes(Platform.TWITCH), config.twitchValidateInterval())));
        config.endpoints(Platform.YOUTUBE).ifPresent(e -> providers.put(Platform.YOUTUBE, new YouTubeOAuth(e, http, config.scopes(Platform.YOUTUBE))));
        config.endpoints(Platform.KICK).ifPresent(e -> providers.put(Platform.KICK, new KickOAuth(e, http, config.scopes(Platform.KICK))));
        config.endpoints(Platform.FACEBOOK).ifPresent(e -> providers.put(Platform.FACEBOOK, new FacebookOAuth(e, http, config.scopes(Platform.FACEBOOK))));
        TokenKeeper keeper = new TokenKeeper(connections, providers, config.refreshMargin());

        Map<Platform, BroadcastSetup> setups = pasted();
        Map<Platform, StreamMetadata> titles = new EnumMap<>(Platform.class);
        for (Platform p : providers.keySet()) {
            PlatformEndpoints e = config.endpoints(p).orElseThrow();
            titles.put(p, switch (p) {
                case TWITCH -> new TwitchMetadata((TwitchOAuth) providers.get(p), e, http, keeper);
                case YOUTUBE -> new YouTubeMetadata(e, http, keeper);
                case KICK -> new KickMetadata(e, http, keeper);
                case FACEBOOK -> new FacebookMetadata(e, http, keeper);
                default -> throw new IllegalStateException(p + " has no OAuth adapters");
            });
            setups.put(p, switch (p) {
                case TWITCH -> new TwitchBroadcast((TwitchOAuth) providers.get(p), e, http, keeper, (TwitchMetadata) titles.get(p));
                case YOUTUBE -> new YouTubeBroadcast(e, http, keeper);
                case KICK -> new KickBroadcast(e, http, keeper, (KickMetadata) titles.get(p));
                case FACEBOOK -> new FacebookBroadcast(e, http, keeper);
                default -> throw new IllegalStateException(p + " has no OAuth adapters");
            });
        }
        return new PlatformAdapters(setups, titles, providers, keeper, ChatAdapters.forPlatforms(io.restream.platforms.ChatEndpoints.of(config), providers.keySet()));
    }

    private static Map<Platform, BroadcastSetup> pasted() {
        Map<Platform, BroadcastSetup> setups = new EnumMap<>(Platform.class);
        setups.put(Platform.CUSTOM, new PastedIngestSetup(null));
        setups.put(Platform.INSTAGRAM, new PastedIngestSetup("https://www.instagram.com/%s/live/"));
        return setups;
    }

    /** These adapters with the platforms' chat, send and viewer adapters. */
    public PlatformAdapters withChat(ChatAdapters chatAdapters) {
        return new PlatformAdapters(broadcastSetups, metadata, oauth, tokens, chatAdapters);
    }

    /** Chat in, chat out and viewer counts per platform (none until configured). */
    public ChatAdapters chat() {
        return chat;
    }

    /** Platforms users may connect and go live to with this configuration. */
    public boolean enabled(Platform platform) {
        return broadcastSetups.containsKey(platform);
    }

    public Optional<BroadcastSetup> broadcastSetup(Platform platform) {
        return Optional.ofNullable(broadcastSetups.get(platform));
    }

    /** Where the platform keeps a stream title (Twitch, YouTube, Kick, Facebook), when configured. */
    public Optional<StreamMetadata> streamMetadata(Platform platform) {
        return Optional.ofNullable(metadata.get(platform));
    }

    /** The platform's sign-in, when it is an OAuth platform and configured. */
    public Optional<OAuthProvider> oauthProvider(Platform platform) {
        return Optional.ofNullable(oauth.get(platform));
    }

    /**
     * Fresh tokens for platform calls (chat, viewers): refresh ahead of expiry, validation, and
     * {@code needsReconnect} on refusal. Empty with {@link #pastedOnly()}.
     */
    public Optional<TokenKeeper> tokens() {
        return Optional.ofNullable(tokens);
    }
}
