package io.restream.core.testing;

import io.lettuce.core.RedisURI;
import io.restream.core.redis.EmbeddedRedis;
import io.restream.core.redis.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis of integration tests, one per test JVM, found in this order: {@code REDIS_URL} when
 * set (CI starts a real redis-server); else a {@code redis:7-alpine} container through
 * Testcontainers where a Docker engine answers (and Testcontainers is on the class path, as it is
 * with {@code io.restream.testkit}); else the embedded server. Tests never skip for want of Redis,
 * and keep apart by using fresh client ids rather than flushing. The test kit's {@code RedisKit}
 * hands this same Redis to JUnit 5 tests.
 *
 * <p>A shared {@code REDIS_URL} is one server for every module's test JVM, one after another. Each
 * JVM gets a logical database of its own ({@link TestDatabase}): jobs a module's tests leave
 * queued or running would otherwise be claimed by the next module's workers (as a worker rightly
 * claims a dead worker's jobs), and a dozen such orphans, each with its encoder, starved the
 * later modules' tests of CPU beside {@code stress-ng}.
 */
public final class TestRedis {
    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
    private static String url;
    private static String source;

    private TestRedis() {}

    public static synchronized String url() {
        if (url == null) {
            String env = System.getenv("REDIS_URL");
            if (env != null && !env.isBlank()) {
                url = TestDatabase.ownDatabase(env);
                source = "REDIS_URL";
            } else if ((url = Containers.redisUrl()) != null) {
                source = "container";
            } else {
                url = embedded();
                source = "embedded";
            }
            log.info("tests use Redis at {} ({})", RedisURI.create(url), source); // RedisURI prints no password
        }
        return url;
    }

    /** Where the Redis came from: {@code REDIS_URL}, {@code container} or {@code embedded}. */
    public static synchronized String source() {
        url();
        return source;
    }

    public static Redis connect() {
        return Redis.connect(url());
    }

    private static String embedded() {
        try {
            EmbeddedRedis server = EmbeddedRedis.start(Files.createTempDirectory("restream-test-redis"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server.url();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Testcontainers, touched only when it is on the class path. */
    private static final class Containers {
        static String redisUrl() {
            try {
                Class.forName("org.testcontainers.DockerClientFactory");
            } catch (ClassNotFoundException e) {
                return null;
            }
            return Docker.start();
        }
    }

    private static final class Docker {
        static String start() {
            try {
                if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) return null;
                @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
                var redis = new org.testcontainers.containers.GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                redis.start();
                return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
            } catch (RuntimeException e) {
                log.warn("a Docker engine answered but no Redis container started ({}); using the embedded server", e.toString());
                return null;
            }
        }
    }
}
