package io.restream.platforms;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.Secret;
import io.restream.core.model.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth platforms' credentials and URLs. Outside sandbox a platform is configured when its client
 * id and secret are set (the secret directly or in a file); its URLs default to the platform's own.
 * In sandbox every platform points at the simulator with the simulator's client credentials.
 *
 * <pre>
 * RESTREAM_{P}_CLIENT_ID, RESTREAM_{P}_CLIENT_SECRET | RESTREAM_{P}_CLIENT_SECRET_FILE, RESTREAM_{P}_SCOPES
 * RESTREAM_{P}_AUTH_URL, RESTREAM_{P}_TOKEN_URL, RESTREAM_{P}_REVOKE_URL, RESTREAM_{P}_API_URL   (P = TWITCH, YOUTUBE, KICK)
 * RESTREAM_TWITCH_VALIDATE_URL, RESTREAM_TWITCH_INGEST_LIST_URL
 * RESTREAM_FACEBOOK_AUTH_URL, RESTREAM_FACEBOOK_GRAPH_URL (token URL = graph + /oauth/access_token)
 * RESTREAM_OAUTH_REFRESH_MARGIN_SECONDS (300), RESTREAM_TWITCH_VALIDATE_INTERVAL_SECONDS (3600)
 * </pre>
 *
 * @param refreshMargin tokens expiring within this are refreshed before use
 * @param twitchValidateInterval how often a Twitch token is validated before use
 */
public record OAuthConfig(Map<Platform, PlatformEndpoints> platforms, Map<Platform, String> scopes, boolean sandbox,
                          Duration refreshMargin, Duration twitchValidateInterval) {

    public static final String GRAPH_VERSION = "v23.0";

    /** The platforms' own URLs, as documented in PLATFORMS.md. */
    private static final Map<String, String> PRODUCTION = Map.ofEntries(
            Map.entry("TWITCH_AUTH_URL", "https://id.twitch.tv/oauth2/authorize"),
            Map.entry("TWITCH_TOKEN_URL", "https://id.twitch.tv/oauth2/token"),
            Map.entry("TWITCH_REVOKE_URL", "https://id.twitch.tv/oauth2/revoke"),
            Map.entry("TWITCH_VALIDATE_URL", "https://id.twitch.tv/oauth2/validate"),
            Map.entry("TWITCH_API_URL", "https://api.twitch.tv/helix"),
            Map.entry("TWITCH_INGEST_LIST_URL", "https://ingest.twitch.tv/ingests"),
            Map.entry("YOUTUBE_AUTH_URL", "https://accounts.google.com/o/oauth2/v2/auth"),
            Map.entry("YOUTUBE_TOKEN_URL", "https://oauth2.googleapis.com/token"),
            Map.entry("YOUTUBE_REVOKE_URL", "https://oauth2.googleapis.com/revoke"),
            Map.entry("YOUTUBE_API_URL", "https://www.googleapis.com/youtube/v3"),
            Map.entry("KICK_AUTH_URL", "https://id.kick.com/oauth/authorize"),
            Map.entry("KICK_TOKEN_URL", "https://id.kick.com/oauth/token"),
            Map.entry("KICK_REVOKE_URL", "https://id.kick.com/oauth/revoke"),
            Map.entry("KICK_API_URL", "https://api.kick.com"),
            Map.entry("FACEBOOK_AUTH_URL", "https://www.facebook.com/" + GRAPH_VERSION + "/dialog/oauth"),
            Map.entry("FACEBOOK_GRAPH_URL", "https://graph.facebook.com/" + GRAPH_VERSION));

    /** Scopes for going live, titles, chat in/out and viewers (PLATFORMS.md, "Scopes to request", "Titles and descriptions"). */
    private static final Map<Platform, String> DEFAULT_SCOPES = Map.of(
            Platform.TWITCH, "channel:read:stream_key channel:manage:broadcast user:read:chat user:write:chat",
            Platform.YOUTUBE, "https://www.googleapis.com/auth/youtube.force-ssl",
            Platform.KICK, "user:read channel:read channel:write streamkey:read events:subscribe chat:write",
            Platform.FACEBOOK, "public_profile,publish_video,pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_engagement");

    public static OAuthConfig from(Settings s, Problems problems, boolean sandbox, Optional<String> simBaseUrl) {
        Map<Platform, PlatformEndpoints> platforms = new EnumMap<>(Platform.class);
        Map<Platform, String> scopes = new EnumMap<>(Platform.class);
        if (sandbox && simBaseUrl.isEmpty()) problems.add("sandbox mode needs the platform simulator's URL");
        String sim = simBaseUrl.map(OAuthConfig::trim).orElse("http://127.0.0.1:8090");
        for (Platform p : Platform.values()) {
            if (!p.oauth()) continue;
            String name = p.name();
            scopes.put(p, s.get("RESTREAM_" + name + "_SCOPES", DEFAULT_SCOPES.get(p)));
            if (sandbox) {
                platforms.put(p, endpoints(p, "sim-" + p.id() + "-client", Secret.of("sim-" + p.id() + "-secret"), simulatorUrls(p, sim)));
                continue;
            }
            Optional<String> id = s.get("RESTREAM_" + name + "_CLIENT_ID");
            Optional<String> secret = secret(s, "RESTREAM_" + name + "_CLIENT_SECRET", problems);
            if (id.isPresent() != secret.isPresent()) {
                problems.add("RESTREAM_" + name + "_CLIENT_ID and RESTREAM_" + name + "_CLIENT_SECRET must be set together");
                continue;
            }
            if (id.isEmpty()) continue; // not configured: the platform is disabled
            Map<String, String> urls = new HashMap<>();
            PRODUCTION.forEach((k, v) -> { if (k.startsWith(name + "_")) urls.put(k.substring(name.length() + 1), s.get("RESTREAM_" + k, v)); });
            urls.replaceAll((k, v) -> checkUrl(problems, "RESTREAM_" + name + "_" + k, v));
            platforms.put(p, endpoints(p, id.get(), Secret.of(secret.get()), urls));
        }
        return new OAuthConfig(Map.copyOf(platforms), Map.copyOf(scopes), sandbox,
                Duration.ofSeconds(s.number("RESTREAM_OAUTH_REFRESH_MARGIN_SECONDS", 300, 0, 86_400, problems)),
                Duration.ofSeconds(s.number("RESTREAM_TWITCH_VALIDATE_INTERVAL_SECONDS", 3600, 1, 86_400, problems)));
    }

    public Optional<PlatformEndpoints> endpoints(Platform p) {
        return Optional.ofNullable(platforms.get(p));
    }

    public String scopes(Platform p) {
        return scopes.getOrDefault(p, DEFAULT_SCOPES.getOrDefault(p, ""));
    }

    private static Map<String, String> simulatorUrls(Platform p, String sim) {
        return switch (p) {
            case TWITCH -> Map.of("AUTH_URL", sim + "/twitch/oauth2/authorize", "TOKEN_URL", sim + "/twitch/oauth2/token",
                    "REVOKE_URL", sim + "/twitch/oauth2/revoke", "VALIDATE_URL", sim + "/twitch/oauth2/validate",
                    "API_URL", sim + "/twitch/helix", "INGEST_LIST_URL", sim + "/twitch/ingests");
            case YOUTUBE -> Map.of("AUTH_URL", sim + "/youtube/o/oauth2/v2/auth", "TOKEN_URL", sim + "/youtube/token",
                    "REVOKE_URL", sim + "/youtube/revoke", "API_URL", sim + "/youtube/youtube/v3");
            case KICK -> Map.of("AUTH_URL", sim + "/kick/oauth/authorize", "TOKEN_URL", sim + "/kick/oauth/token",
                    "REVOKE_URL", sim + "/kick/oauth/revoke", "API_URL", sim + "/kick");
            case FACEBOOK -> Map.of("AUTH_URL", sim + "/facebook/www/" + GRAPH_VERSION + "/dialog/oauth",
                    "GRAPH_URL", sim + "/facebook/graph/" + GRAPH_VERSION);
            default -> Map.of();
        };
    }

    private static PlatformEndpoints endpoints(Platform p, String clientId, Secret secret, Map<String, String> urls) {
        Map<String, String> u = new HashMap<>(urls);
        u.replaceAll((k, v) -> trim(v));
        if (p == Platform.FACEBOOK) {
            String graph = u.get("GRAPH_URL");
            return new PlatformEndpoints(clientId, secret, u.get("AUTH_URL"), graph + "/oauth/access_token", graph + "/me/permissions", graph, Map.of());
        }
        Map<String, String> more = new HashMap<>();
        if (u.containsKey("VALIDATE_URL")) more.put("validate", u.get("VALIDATE_URL"));
        if (u.containsKey("INGEST_LIST_URL")) more.put("ingests", u.get("INGEST_LIST_URL"));
        return new PlatformEndpoints(clientId, secret, u.get("AUTH_URL"), u.get("TOKEN_URL"), u.get("REVOKE_URL"), u.get("API_URL"), Map.copyOf(more));
    }

    private static Optional<String> secret(Settings s, String key, Problems problems) {
        Optional<String> direct = s.get(key);
        if (direct.isPresent()) return direct;
        Optional<String> file = s.get(key + "_FILE");
        if (file.isEmpty()) return Optional.empty();
        try {
            String value = Files.readString(Path.of(file.get())).trim();
            if (value.isEmpty()) problems.add(key + "_FILE names an empty file");
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            problems.add(key + "_FILE cannot be read: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static String checkUrl(Problems problems, String key, String url) {
        if (!url.matches("https?://[^\\s]+")) problems.add(key + " must be an http(s) URL, got '" + url + "'");
        return url;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
