package io.restream.core.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every role needs: where data lives, which Redis, sandbox mode and the URL policy.
 *
 * @param redisUrl empty means: start the embedded Redis in {@code dataDir/redis}
 * @param allowPrivateUrls overlay and custom destination URLs may point at loopback/private hosts
 * @param allowHttpOverlays overlay URLs may be {@code http:} (development)
 * @param urlAllowlist hosts exempt from the private-address check
 * @param secretsKeyBase64 AES key for secrets at rest; empty means {@code dataDir/secrets.key}
 */
public record CoreConfig(
        Path dataDir,
        Optional<String> redisUrl,
        boolean sandbox,
        boolean allowPrivateUrls,
        boolean allowHttpOverlays,
        Set<String> urlAllowlist,
        Optional<String> secretsKeyBase64) {

    public static CoreConfig from(Settings s, Problems problems) {
        boolean sandbox = s.flag("RESTREAM_SANDBOX", !s.hasPlatformCredentials(), problems);
        return new CoreConfig(
                Path.of(s.get("RESTREAM_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                s.get("REDIS_URL"),
                sandbox,
                s.flag("RESTREAM_ALLOW_PRIVATE_URLS", sandbox, problems),
                s.flag("RESTREAM_ALLOW_HTTP_OVERLAYS", sandbox, problems),
                Arrays.stream(s.get("RESTREAM_URL_ALLOWLIST", "").split(","))
                        .map(String::trim).filter(h -> !h.isEmpty()).map(String::toLowerCase)
                        .collect(Collectors.toUnmodifiableSet()),
                s.get("RESTREAM_SECRETS_KEY"));
    }

    public Path secretsKeyFile() { return dataDir.resolve("secrets.key"); }
}
