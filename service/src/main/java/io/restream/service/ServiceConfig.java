package io.restream.service;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.Secret;
import java.util.Optional;

/**
 * The API role's configuration.
 *
 * @param httpPort 0 picks any free port
 * @param publicUrl the origin used in OAuth redirect URIs and authorize URLs; empty means
 *     {@code http://localhost:<bound port>}
 * @param rateBurst requests a credential may make at once
 * @param ratePerSecond sustained requests per second per credential
 * @param verticles HTTP server instances (event loops serving requests)
 * @param authFailBurst failed authentications one client address may make at once
 * @param authFailPerMinute failed authentications per minute per address after the burst
 * @param implicitSandbox sandbox mode that nobody asked for (then {@code bindHost} is loopback)
 * @param bindHost the address the API listens on: loopback for a sandbox nobody asked for
 *     (no {@code RESTREAM_SANDBOX}, no platform credentials), else {@code RESTREAM_BIND_HOST}
 *     (default all interfaces)
 */
public record ServiceConfig(
        int httpPort,
        Optional<String> publicUrl,
        Secret adminToken,
        long rateBurst,
        long ratePerSecond,
        int verticles,
        long authFailBurst,
        long authFailPerMinute,
        String bindHost,
        boolean implicitSandbox) {

    /** A sandbox that was not asked for: it listens on loopback only (API.md §8). */
    public boolean loopbackOnly() {
        return implicitSandbox;
    }

    public static final long DEFAULT_RATE_BURST = 100;
    public static final long DEFAULT_RATE_PER_SECOND = 20;

    public static ServiceConfig from(Settings s, Secret adminToken, Problems problems) {
        return new ServiceConfig(
                (int) s.number("RESTREAM_HTTP_PORT", 8080, 0, 65535, problems),
                s.get("RESTREAM_PUBLIC_URL").map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
                adminToken,
                s.number("RESTREAM_RATE_LIMIT_BURST", DEFAULT_RATE_BURST, 1, 10_000_000, problems),
                s.number("RESTREAM_RATE_LIMIT_PER_SECOND", DEFAULT_RATE_PER_SECOND, 1, 10_000_000, problems),
                (int) s.number("RESTREAM_HTTP_VERTICLES", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 64, problems),
                s.number("RESTREAM_AUTH_FAIL_BURST", 30, 1, 10_000_000, problems),
                s.number("RESTREAM_AUTH_FAIL_PER_MINUTE", 30, 1, 10_000_000, problems),
                implicitSandbox(s) ? "127.0.0.1" : s.get("RESTREAM_BIND_HOST", "0.0.0.0"),
                implicitSandbox(s));
    }

    static boolean implicitSandbox(Settings s) {
        return s.get("RESTREAM_SANDBOX").isEmpty() && !s.hasPlatformCredentials();
    }
}
