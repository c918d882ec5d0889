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
 * id and secret are set (the secret directly or in a file); its URLs default to the platform's own
 * ({@link PlatformModule#productionUrls}). In sandbox every platform points at the simulator with the
 * simulator's client credentials.
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
 * @param simulator the simulator's base URL in sandbox, empty otherwise
 */
public record OAuthConfig(Map<Platform, PlatformEndpoints> platforms, Map<Platform, String> scopes, boolean sandbox,
                          Duration refreshMargin, Duration twitchValidateInterval, Optional<String> simulator) {

    public static OAuthConfig from(Settings s, Problems problems, boolean sandbox, Optional<String> simBaseUrl) {
        Map<Platform, PlatformEndpoints> platforms = new EnumMap<>(Platform.class);
        Map<Platform, String> scopes = new EnumMap<>(Platform.class);
        if (sandbox && simBaseUrl.isEmpty()) problems.add("sandbox mode needs the platform simulator's URL");
        String sim = simBaseUrl.map(OAuthConfig::trim).orElse("http://127.0.0.1:8090");
        for (PlatformModule m : PlatformModules.all()) {
            Platform p = m.platform();
            if (!p.oauth()) continue;
            String name = p.name();
            scopes.put(p, s.get("RESTREAM_" + name + "_SCOPES", m.defaultScopes()));
            if (sandbox) {
                platforms.put(p, m.endpoints("sim-" + p.id() + "-client", Secret.of("sim-" + p.id() + "-secret"), trimmed(m.simulatorUrls(sim))));
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
            m.productionUrls().forEach((k, v) -> urls.put(k, checkUrl(problems, "RESTREAM_" + name + "_" + k, s.get("RESTREAM_" + name + "_" + k, v))));
            platforms.put(p, m.endpoints(id.get(), Secret.of(secret.get()), trimmed(urls)));
        }
        return new OAuthConfig(Map.copyOf(platforms), Map.copyOf(scopes), sandbox,
                Duration.ofSeconds(s.number("RESTREAM_OAUTH_REFRESH_MARGIN_SECONDS", 300, 0, 86_400, problems)),
                Duration.ofSeconds(s.number("RESTREAM_TWITCH_VALIDATE_INTERVAL_SECONDS", 3600, 1, 86_400, problems)),
                sandbox ? Optional.of(sim) : Optional.empty());
    }

    public Optional<PlatformEndpoints> endpoints(Platform p) {
        return Optional.ofNullable(platforms.get(p));
    }

    public String scopes(Platform p) {
        return scopes.getOrDefault(p, "");
    }

    private static Map<String, String> trimmed(Map<String, String> urls) {
        Map<String, String> u = new HashMap<>(urls);
        u.replaceAll((k, v) -> trim(v));
        return u;
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
