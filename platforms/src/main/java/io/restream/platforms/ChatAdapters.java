package io.restream.platforms;

import io.restream.platforms.port.ChatSender;
import io.restream.platforms.port.ChatSource;
import io.restream.platforms.port.ViewerCounter;
import io.restream.platforms.support.PlatformHttp;

import io.restream.core.model.Platform;
import io.restream.platforms.facebook.FacebookChat;
import io.restream.platforms.kick.KickChat;
import io.restream.platforms.kick.KickWebhooks;
import io.restream.platforms.twitch.TwitchChat;
import io.restream.platforms.youtube.YouTubeChat;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The chat, send and viewer adapters of each platform that has them. */
public final class ChatAdapters {
    /** One platform's adapters; any may be null where the platform offers no API. */
    public record Set(ChatSource source, ChatSender sender, ViewerCounter viewers) {}

    private final Map<Platform, Set> byPlatform;
    private final KickWebhooks kickWebhooks;

    private ChatAdapters(Map<Platform, Set> byPlatform, KickWebhooks kickWebhooks) {
        this.byPlatform = Map.copyOf(byPlatform);
        this.kickWebhooks = kickWebhooks;
    }

    public static ChatAdapters none() {
        return new ChatAdapters(Map.of(), null);
    }

    /**
     * Every platform's adapters against {@code endpoints}, sharing one HTTP client and a small pool
     * of daemon threads for sockets, timers and polling.
     */
    public static ChatAdapters forPlatforms(ChatEndpoints endpoints) {
        return forPlatforms(endpoints, EnumSet.of(Platform.TWITCH, Platform.YOUTUBE, Platform.KICK, Platform.FACEBOOK));
    }

    /** Like {@link #forPlatforms(ChatEndpoints)}, for the {@code enabled} platforms only. */
    public static ChatAdapters forPlatforms(ChatEndpoints endpoints, java.util.Set<Platform> enabled) {
        PlatformHttp http = PlatformHttp.create();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "chat-adapters");
            t.setDaemon(true);
            return t;
        });
        Builder b = builder();
        if (enabled.contains(Platform.TWITCH)) {
            TwitchChat twitch = new TwitchChat(endpoints, http, timers);
            b.put(Platform.TWITCH, twitch, twitch, twitch);
        }
        if (enabled.contains(Platform.YOUTUBE)) {
            YouTubeChat youtube = new YouTubeChat(endpoints, http, timers);
            b.put(Platform.YOUTUBE, youtube, youtube, youtube);
        }
        if (enabled.contains(Platform.FACEBOOK)) {
            FacebookChat facebook = new FacebookChat(endpoints, http, timers);
            b.put(Platform.FACEBOOK, facebook, facebook, facebook);
        }
        if (enabled.contains(Platform.KICK)) {
            KickChat kick = new KickChat(endpoints, http, timers);
            b.put(Platform.KICK, kick, kick, kick).kickWebhooks(new KickWebhooks(endpoints, http.client()));
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

    /** The verifier of Kick's webhook deliveries, when Kick chat is configured. */
    public Optional<KickWebhooks> kickWebhooks() {
        return Optional.ofNullable(kickWebhooks);
    }

    /** Collects the platforms' adapter sets. */
    public static final class Builder {
        private final Map<Platform, Set> map = new EnumMap<>(Platform.class);
        private KickWebhooks kickWebhooks;

        public Builder put(Platform p, ChatSource source, ChatSender sender, ViewerCounter viewers) {
            map.put(p, new Set(source, sender, viewers));
            return this;
        }

        public Builder kickWebhooks(KickWebhooks verifier) {
            this.kickWebhooks = verifier;
            return this;
        }

        public ChatAdapters build() {
            return new ChatAdapters(map, kickWebhooks);
        }
    }
}
