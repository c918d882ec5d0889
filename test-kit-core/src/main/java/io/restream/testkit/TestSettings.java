package io.restream.testkit;

import io.restream.core.testing.TestSecrets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings every test service node starts from, in-process or as a process of its own:
 * sandbox mode, loopback on a free port, the one test secrets key, and rate and auth-failure limits
 * so high that a fast test never meets them (the tests of those limits set their own). A caller
 * puts its own settings over these.
 */
public final class TestSettings {
    private TestSettings() {}

    /** The test defaults with {@code dataDir} as the node's data dir; a fresh, mutable map. */
    public static Map<String, String> service(Path dataDir) {
        Map<String, String> values = new HashMap<>();
        values.put("RESTREAM_DATA_DIR", dataDir.toString());
        values.put("RESTREAM_HTTP_PORT", "0");
        values.put("RESTREAM_BIND_HOST", "127.0.0.1");
        values.put("RESTREAM_SANDBOX", "true");
        values.put("RESTREAM_RATE_LIMIT_BURST", "100000");
        values.put("RESTREAM_RATE_LIMIT_PER_SECOND", "100000");
        values.put("RESTREAM_AUTH_FAIL_BURST", "100000");
        values.put("RESTREAM_AUTH_FAIL_PER_MINUTE", "6000000");
        values.put("RESTREAM_HTTP_VERTICLES", "2");
        // Every node of one deployment shares the secrets key; so do the test nodes on one Redis.
        values.put("RESTREAM_SECRETS_KEY", TestSecrets.KEY);
        return values;
    }
}
