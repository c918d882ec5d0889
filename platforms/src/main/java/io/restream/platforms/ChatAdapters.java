package io.restream.platforms;

import io.restream.core.model.Platform;
import io.restream.platforms.kick.KickWebhooks;
import io.restream.platforms.port.ChatSender;
import io.restream.platforms.port.ChatSource;
import io.restream.platforms.port.ViewerCounter;
import io.restream.platforms.support.PlatformHttp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The chat, send and viewer adapters of each platform that has them, built by one loop over
 * {@link PlatformModules}, and the services platforms offer beside them (looked up by type with
 * {@link #service}).
 */
public final class ChatAdapters {
    /** One platform's adapters; any may be null where the platform offers no API. */
    public record Set(ChatSource source, ChatSender sender, ViewerCounter viewers) {}

    private final Map<Platform, Set> byPlatform;
    private final List<Object> services;

    private ChatAdapters(Map<Platform, Set> byPlatform, List<Object> services) {
        this.byPlatform = Map.copyOf(byPlatform);
        this.services = List.copyOf(services);
    }

    public static ChatAdapters none() {
        return new ChatAdapters(Map.of(), List.of());
    }

    /**
     * Every platform's adapters against {@code endpoints}, sharing one HTTP client and a small pool
     * of daemon threads for sockets, timers and polling.
     */
    public static ChatAdapters forPlatforms(ChatEndpoints endpoints) {
        return forPlatforms(endpoints, EnumSet.allOf(Platform.class));
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
        for (PlatformModule m : PlatformModules.all()) {
            Map<String, String> urls = endpoints.platform(m.platform());
            if (!enabled.contains(m.platform()) || urls.isEmpty()) continue;
            m.chat(urls, http, timers).ifPresent(c -> {
                b.put(m.platform(), c.source(), c.sender(), c.viewers());
                c.services().forEach(b::service);
            });
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

    /** A service a platform's chat offers beside its adapters (e.g. {@link KickWebhooks}). */
    public <T> Optional<T> service(Class<T> type) {
        return services.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The verifier of Kick's webhook deliveries, when Kick chat is configured. */
    public Optional<KickWebhooks> kickWebhooks() {
        return service(KickWebhooks.class);
    }

    /** Collects the platforms' adapter sets. */
    public static final class Builder {
        private final Map<Platform, Set> map = new EnumMap<>(Platform.class);
        private final List<Object> services = new ArrayList<>();

        public Builder put(Platform p, ChatSource source, ChatSender sender, ViewerCounter viewers) {
            map.put(p, new Set(source, sender, viewers));
            return this;
        }

        public Builder service(Object service) {
            services.add(service);
            return this;
        }

        public Builder kickWebhooks(KickWebhooks verifier) {
            return service(verifier);
        }

        public ChatAdapters build() {
            return new ChatAdapters(map, services);
        }
    }
}
