/**
 * What the platform packages share: {@link io.restream.platforms.support.PlatformHttp} (the one HTTP
 * helper for platform calls: REST, chat, sockets and streams), the ScribeJava authorization-code
 * flow, reading platform answers, and the {@link io.restream.platforms.support.TokenKeeper} that
 * keeps tokens usable (refresh ahead of expiry, validation, {@code needsReconnect} on refusal).
 * Reconnect pauses come from {@code io.restream.core.retry.Backoff}.
 */
package io.restream.platforms.support;
