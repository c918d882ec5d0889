package io.restream.core.testing;

import io.restream.core.redis.EmbeddedRedis;
import io.restream.core.redis.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The Redis of integration tests: {@code REDIS_URL} when set (CI starts a real redis-server),
 * else one embedded server per test JVM. Tests never skip for want of Redis, and keep apart by
 * using fresh client ids rather than flushing.
 */
public final class TestRedis {
    private static String url;

    private TestRedis() {}

    public static synchronized String url() {
        if (url == null) {
            String env = System.getenv("REDIS_URL");
            if (env != null && !env.isBlank()) {
                url = env;
            } else {
                try {
                    EmbeddedRedis server = EmbeddedRedis.start(Files.createTempDirectory("restream-test-redis"));
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                    url = server.url();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return url;
    }

    public static Redis connect() {
        return Redis.connect(url());
    }
}
