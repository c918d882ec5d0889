package io.restream.app;

/** Shared secrets of the processes of one test deployment (every role must have the same). */
final class TestKeys {
    /** A fixed AES-256 key (base64), so that every role decrypts what another stored. */
    static final String SECRETS_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private TestKeys() {}
}
