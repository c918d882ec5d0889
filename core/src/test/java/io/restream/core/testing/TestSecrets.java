package io.restream.core.testing;

import io.restream.core.crypto.SecretBox;

/**
 * The one secrets key of tests. Every node of a deployment shares the secrets key, and every test
 * shares one Redis, so every test API, worker and aggregator uses this key (two keys on one Redis
 * make each other's signing keys and connections unreadable).
 */
public final class TestSecrets {
    /** Base64 of 32 bytes, as {@code RESTREAM_SECRETS_KEY}. */
    public static final String KEY = "dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=";

    private TestSecrets() {}

    public static SecretBox box() {
        return SecretBox.fromConfig(KEY, null);
    }
}
