/**
 * What the platform packages share: the ScribeJava authorization-code flow, the JSON REST client,
 * reading platform answers, and the {@link io.restream.platforms.support.TokenKeeper} that keeps tokens
 * usable (refresh ahead of expiry, validation, {@code needsReconnect} on refusal).
 */
package io.restream.platforms.support;
