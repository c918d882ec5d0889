package io.restream.platforms;

import io.restream.core.connections.ConnectionStore;
import io.restream.core.model.Platform;
import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.port.StreamMetadata;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.TokenKeeper;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A platform's adapters, built by one loop over {@link PlatformModules}: sign-in
 * ({@link OAuthProvider}), going live ({@link BroadcastSetup}), and chat/viewers
 * ({@link ChatAdapters}). Destinations without an API (custom, Instagram) are always enabled; an
 * OAuth platform is enabled when it is configured (always, in sandbox, where it points at the
 * simulator).
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
        PlatformHttp http = PlatformHttp.create();
        Map<Platform, OAuthProvider> providers = new EnumMap<>(Platform.class);
        for (PlatformModule m : PlatformModules.all()) {
            config.endpoints(m.platform()).flatMap(e -> m.oauth(e, config, http)).ifPresent(p -> providers.put(m.platform(), p));
        }
        TokenKeeper keeper = new TokenKeeper(connections, providers, config.refreshMargin());
        Map<Platform, BroadcastSetup> setups = pasted();
        Map<Platform, StreamMetadata> titles = new EnumMap<>(Platform.class);
        for (PlatformModule m : PlatformModules.all()) {
            if (providers.containsKey(m.platform())) {
                PlatformEndpoints e = config.endpoints(m.platform()).orElseThrow();
                setups.put(m.platform(), m.broadcast(e, http, keeper));
                m.metadata(e, http, keeper).ifPresent(t -> titles.put(m.platform(), t));
            }
        }
        return new PlatformAdapters(setups, titles, providers, keeper, ChatAdapters.forPlatforms(ChatEndpoints.of(config), providers.keySet()));
    }

    private static Map<Platform, BroadcastSetup> pasted() {
        Map<Platform, BroadcastSetup> setups = new EnumMap<>(Platform.class);
        for (PlatformModule m : PlatformModules.all()) {
            if (!m.platform().oauth()) setups.put(m.platform(), m.broadcast(null, null, null));
        }
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
