package io.restream.testkit;

import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;

/**
 * Redis for a test class: {@code REDIS_URL} when set, else a Testcontainers Redis where a Docker
 * engine answers, else the embedded server (never a skip). One server per test JVM
 * ({@link TestRedis}); each kit holds its own connection. Tests keep apart with fresh client and
 * user ids, not by flushing.
 */
public final class RedisKit extends Kit {
    private Redis redis;

    @Override
    protected void doStart() {
        redis = TestRedis.connect();
    }

    public Redis redis() {
        requireStarted();
        return redis;
    }

    /** {@code REDIS_URL}, {@code container} or {@code embedded}. */
    public String source() {
        return TestRedis.source();
    }

    @Override
    protected void doClose() {
        redis.close();
    }
}
