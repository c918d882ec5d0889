package io.restream.oauth;

import io.restream.core.model.Platform;
import io.restream.oauth.pasted.PastedIngestSetup;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that maps a {@link Platform} to its adapters. OAuth platforms register theirs
 * here as they are built; custom and Instagram push to pasted URLs.
 */
public final class PlatformAdapters {
    private final Map<Platform, BroadcastSetup> broadcastSetups;
    private final io.restream.oauth.chat.ChatAdapters chat;

    private PlatformAdapters(Map<Platform, BroadcastSetup> broadcastSetups) {
        this(broadcastSetups, io.restream.oauth.chat.ChatAdapters.none());
    }

    private PlatformAdapters(Map<Platform, BroadcastSetup> broadcastSetups, io.restream.oauth.chat.ChatAdapters chat) {
        this.broadcastSetups = Map.copyOf(broadcastSetups);
        this.chat = chat;
    }

    /** These adapters with the platforms' chat, send and viewer adapters. */
    public PlatformAdapters withChat(io.restream.oauth.chat.ChatAdapters chatAdapters) {
        return new PlatformAdapters(broadcastSetups, chatAdapters);
    }

    /** Chat in, chat out and viewer counts per platform (none until configured). */
    public io.restream.oauth.chat.ChatAdapters chat() {
        return chat;
    }

    /** Adapters that need no platform API: custom and Instagram. */
    public static PlatformAdapters pastedOnly() {
        Map<Platform, BroadcastSetup> setups = new EnumMap<>(Platform.class);
        setups.put(Platform.CUSTOM, new PastedIngestSetup(null));
        setups.put(Platform.INSTAGRAM, new PastedIngestSetup("https://www.instagram.com/%s/live/"));
        return new PlatformAdapters(setups);
    }

    /** Platforms users may connect and go live to with this configuration. */
    public boolean enabled(Platform platform) {
        return broadcastSetups.containsKey(platform);
    }

    public Optional<BroadcastSetup> broadcastSetup(Platform platform) {
        return Optional.ofNullable(broadcastSetups.get(platform));
    }
}
