package io.restream.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded Redis keeps data across restarts and never lets two servers share its files. */
class EmbeddedRedisIT {
    @Test
    void dataSurvivesARestartAndALeftoverServerIsRetiredFirst() throws Exception {
        Path dir = Files.createTempDirectory("embedded-redis");
        EmbeddedRedis first = EmbeddedRedis.start(dir);
        try (Redis r = Redis.connect(first.url())) {
            r.sync().set("k", "v");
        }
        long leftoverPid = Long.parseLong(Files.readString(dir.resolve("redis.pid")).trim());
        ProcessHandle leftover = ProcessHandle.of(leftoverPid).orElseThrow();
        // The launcher died without closing it (SIGKILL): a new start must retire it, not run beside it.
        EmbeddedRedis second = EmbeddedRedis.start(dir);
        try {
            leftover.onExit().get(15, TimeUnit.SECONDS);
            assertFalse(leftover.isAlive(), "the leftover server was stopped");
            try (Redis r = Redis.connect(second.url())) {
                assertEquals("v", r.sync().get("k"), "its data was flushed and is read back");
            }
        } finally {
            second.close();
            first.close();
        }
    }
}
