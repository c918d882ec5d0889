package io.restream.oauth.chat;

import io.restream.core.model.Platform;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The chat, send and viewer adapters of each platform that has them. */
public final class ChatAdapters {
    /** One platform's adapters; any may be null where the platform offers no API. */
    public record Set(ChatSource source, ChatSender sender, ViewerCounter viewers) {}

    private final Map<Platform, Set> byPlatform;
    private final io.restream.oauth.chat.kick.KickWebhooks kickWebhooks;

    private ChatAdapters(Map<Platform, Set> byPlatform, io.restream.oauth.chat.kick.KickWebhooks kickWebhooks) {
        this.byPlatform = Map.copyOf(byPlatform);
        this.kickWebhooks = kickWebhooks;
    }

    /** The verifier of Kick's webhook deliveries, when Kick chat is configured. */
    public Optional<io.restream.oauth.chat.kick.KickWebhooks> kickWebhooks() {
        return Optional.ofNullable(kickWebhooks);
    }

    public static ChatAdapters none() {
        return new ChatAdapters(Map.of(), null);
    }

    /**
     * Every platform's adapters against {@code endpoints}, sharing one HTTP client and a small pool
     * of daemon threads for sockets, timers and polling.
     */
    public static ChatAdapters forPlatforms(ChatEndpoints endpoints) {
        return forPlatforms(endpoints, java.util.EnumSet.of(Platform.TWITCH, Platform.YOUTUBE, Platform.KICK, Platform.FACEBOOK));
    }

    /** Like {@link #forPlatforms(ChatEndpoints)}, for the {@code enabled} platforms only. */
    public static ChatAdapters forPlatforms(ChatEndpoints endpoints, java.util.Set<Platform> enabled) {
        PlatformHttp http = PlatformHttp.create();
        java.util.concurrent.ScheduledExecutorService timers = java.util.concurrent.Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "chat-adapters");
            t.setDaemon(true);
            return t;
        });
        io.restream.oauth.chat.twitch.TwitchChat twitch = new io.restream.oauth.chat.twitch.TwitchChat(endpoints, http, timers);
        io.restream.oauth.chat.kick.KickChat kick = new io.restream.oauth.chat.kick.KickChat(endpoints, http, timers);
        io.restream.oauth.chat.facebook.FacebookChat facebook = new io.restream.oauth.chat.facebook.FacebookChat(endpoints, http, timers);
        io.restream.oauth.chat.youtube.YouTubeChat youtube = new io.restream.oauth.chat.youtube.YouTubeChat(endpoints, http, timers);
        Builder b = builder();
        if (enabled.contains(Platform.TWITCH)) b.put(Platform.TWITCH, twitch, twitch, twitch);
        if (enabled.contains(Platform.YOUTUBE)) b.put(Platform.YOUTUBE, youtube, youtube, youtube);
        if (enabled.contains(Platform.FACEBOOK)) b.put(Platform.FACEBOOK, facebook, facebook, facebook);
        if (enabled.contains(Platform.KICK)) {
            b.put(Platform.KICK, kick, kick, kick).kickWebhooks(new io.restream.oauth.chat.kick.KickWebhooks(endpoints, http.client()));
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ChatSource> source(Platform p) {
        return Optional.ofNullable(byPlatform.get(p)).map(Set::source);
    }

    public Optional<ChatSender> sender(Platform p) {
        return Optional.ofNullable(byPlatform.get(p)).map(Set::sender);
    }

    public Optional<ViewerCounter> viewers(Platform p) {
        return Optional.ofNullable(byPlatform.get(p)).map(Set::viewers);
    }

    /** Collects the platforms' adapter sets. */
    public static final class Builder {
        private final Map<Platform, Set> map = new EnumMap<>(Platform.class);
        private io.restream.oauth.chat.kick.KickWebhooks kickWebhooks;

        public Builder kickWebhooks(io.restream.oauth.chat.kick.KickWebhooks verifier) {
            this.kickWebhooks = verifier;
            return this;
        }

        public Builder put(Platform p, ChatSource source, ChatSender sender, ViewerCounter viewers) {
            map.put(p, new Set(source, sender, viewers));
            return this;
        }

        public ChatAdapters build() {
            return new ChatAdapters(map, kickWebhooks);
        }
    }
}
