package io.restream.platforms;

import io.restream.core.config.Settings;

/**
 * Base URLs of the platforms' chat, send and viewer APIs (every one configurable, so that the
 * simulator can stand in), and the app ids some APIs want beside the token.
 *
 * @param twitchHelix e.g. {@code https://api.twitch.tv/helix}
 * @param twitchEventSub the EventSub WebSocket, e.g. {@code wss://eventsub.wss.twitch.tv/ws}
 * @param twitchClientId sent as {@code Client-Id} with every Helix call
 * @param youtubeApi e.g. {@code https://www.googleapis.com/youtube/v3}
 * @param kickApi e.g. {@code https://api.kick.com} (paths {@code /public/v1/...} below it)
 * @param facebookGraph e.g. {@code https://graph.facebook.com/v23.0}
 * @param facebookStreaming e.g. {@code https://streaming-graph.facebook.com}
 */
public record ChatEndpoints(
        String twitchHelix,
        String twitchEventSub,
        String twitchClientId,
        String youtubeApi,
        String kickApi,
        String facebookGraph,
        String facebookStreaming) {

    /** The platforms themselves, with any base URL replaced from the settings. */
    public static ChatEndpoints from(Settings s) {
        return new ChatEndpoints(
                trim(s.get("RESTREAM_TWITCH_API_URL", "https://api.twitch.tv/helix")),
                trim(s.get("RESTREAM_TWITCH_EVENTSUB_URL", "wss://eventsub.wss.twitch.tv/ws")),
                s.get("RESTREAM_TWITCH_CLIENT_ID", ""),
                trim(s.get("RESTREAM_YOUTUBE_API_URL", "https://www.googleapis.com/youtube/v3")),
                trim(s.get("RESTREAM_KICK_API_URL", "https://api.kick.com")),
                trim(s.get("RESTREAM_FACEBOOK_GRAPH_URL", "https://graph.facebook.com/v23.0")),
                trim(s.get("RESTREAM_FACEBOOK_STREAMING_URL", "https://streaming-graph.facebook.com")));
    }

    /**
     * From the platforms' configuration: each API base URL as configured there, the Twitch client
     * id, and the two URLs only chat needs (EventSub socket, Facebook's streaming host) at the
     * platforms' own addresses, or at the simulator when the Twitch API points at one
     * ({@code <sim>/twitch/helix}). {@code.more("eventsub")} / {@code.more("streaming")}
     * of the Twitch / Facebook endpoints override them.
     */
    public static ChatEndpoints of(io.restream.platforms.OAuthConfig config) {
        ChatEndpoints defaults = from(io.restream.core.config.Settings.of(java.util.Map.of()));
        var twitch = config.endpoints(io.restream.core.model.Platform.TWITCH);
        var youtube = config.endpoints(io.restream.core.model.Platform.YOUTUBE);
        var kick = config.endpoints(io.restream.core.model.Platform.KICK);
        var facebook = config.endpoints(io.restream.core.model.Platform.FACEBOOK);
        String helix = twitch.map(e -> trim(e.apiUrl())).orElse(defaults.twitchHelix());
        String simBase = helix.endsWith("/twitch/helix") && config.sandbox() ? helix.substring(0, helix.length() - "/twitch/helix".length()) : null;
        ChatEndpoints sim = simBase == null ? null : simulator(simBase);
        String eventSub = twitch.map(e -> e.more("eventsub")).orElse(null);
        if (eventSub == null) eventSub = sim != null ? sim.twitchEventSub() : defaults.twitchEventSub();
        String streaming = facebook.map(e -> e.more("streaming")).orElse(null);
        if (streaming == null) streaming = sim != null ? sim.facebookStreaming() : defaults.facebookStreaming();
        return new ChatEndpoints(helix, eventSub, twitch.map(e -> e.clientId()).orElse(""),
                youtube.map(e -> trim(e.apiUrl())).orElse(defaults.youtubeApi()),
                kick.map(e -> trim(e.apiUrl())).orElse(defaults.kickApi()),
                facebook.map(e -> trim(e.apiUrl())).orElse(defaults.facebookGraph()),
                trim(streaming));
    }

    /** Every platform at the simulator listening on {@code simBase} (e.g. {@code http://127.0.0.1:8090}). */
    public static ChatEndpoints simulator(String simBase) {
        String base = trim(simBase);
        return new ChatEndpoints(
                base + "/twitch/helix",
                base.replaceFirst("^http", "ws") + "/twitch/eventsub/ws",
                "sim-twitch-client",
                base + "/youtube/youtube/v3",
                base + "/kick",
                base + "/facebook/graph/v23.0",
                base + "/facebook/streaming");
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
