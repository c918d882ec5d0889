package io.restream.platforms;

import io.restream.core.model.Platform;
import java.util.EnumMap;
import java.util.Map;

/**
 * Base URLs of the platforms' chat, send and viewer APIs, and the app ids some APIs want beside the
 * token, by platform and name (each platform's {@link PlatformModule#chatUrls} names its own: e.g.
 * Twitch's {@code helix}, {@code eventsub}, {@code clientId}). Every one is configurable, so the
 * simulator stands in.
 */
public record ChatEndpoints(Map<Platform, Map<String, String>> urls) {
    public ChatEndpoints {
        Map<Platform, Map<String, String>> copy = new EnumMap<>(Platform.class);
        urls.forEach((p, u) -> copy.put(p, Map.copyOf(u)));
        urls = Map.copyOf(copy);
    }

    /** One platform's URLs (empty when it has no chat API). */
    public Map<String, String> platform(Platform p) {
        return urls.getOrDefault(p, Map.of());
    }

    /**
     * From the platforms' configuration: each API as configured there, and the URLs only chat needs
     * (Twitch's EventSub socket, Facebook's streaming host) at the platforms' own addresses, or at the
     * simulator in sandbox.
     */
    public static ChatEndpoints of(OAuthConfig config) {
        Map<Platform, Map<String, String>> urls = new EnumMap<>(Platform.class);
        for (PlatformModule m : PlatformModules.all()) {
            Map<String, String> u = m.chatUrls(config.endpoints(m.platform()).orElse(null), config.simulator().orElse(null));
            if (!u.isEmpty()) urls.put(m.platform(), u);
        }
        return new ChatEndpoints(urls);
    }

    /** Every platform at the simulator listening on {@code simBase} (e.g. {@code http://127.0.0.1:8090}). */
    public static ChatEndpoints simulator(String simBase) {
        String base = simBase.endsWith("/") ? simBase.substring(0, simBase.length() - 1) : simBase;
        Map<Platform, Map<String, String>> urls = new EnumMap<>(Platform.class);
        for (PlatformModule m : PlatformModules.all()) {
            Map<String, String> u = m.chatUrls(null, base);
            if (!u.isEmpty()) urls.put(m.platform(), u);
        }
        return new ChatEndpoints(urls);
    }
}
