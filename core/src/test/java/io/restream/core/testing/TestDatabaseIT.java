package io.restream.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restream.core.redis.Redis;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each test JVM on a shared Redis gets a logical database of its own, and what one writes the next does not see. */
class TestDatabaseIT {
    @Test
    void jvmsTakeDatabasesOneToNMinusOneInTurn() {
        assertEquals(List.of(1, 2, 3, 63, 1, 2), IntStream.of(1, 2, 3, 63, 64, 65).mapToObj(n -> TestDatabase.database(n, 64)).toList());
        assertEquals(List.of(1, 15, 1), IntStream.of(1, 15, 16).mapToObj(n -> TestDatabase.database(n, 16)).toList());
    }

    @Test
    void theDatabaseIsThePathAndOptionsStay() {
        assertEquals("redis://127.0.0.1:6379/7", TestDatabase.withDatabase("redis://127.0.0.1:6379", 7));
        assertEquals("redis://pw@127.0.0.1:6379/7", TestDatabase.withDatabase("redis://pw@127.0.0.1:6379/", 7));
        assertEquals("redis://127.0.0.1:6379/3?timeout=5s", TestDatabase.withDatabase("redis://127.0.0.1:6379?timeout=5s", 3));
        assertEquals("redis://127.0.0.1:6379/5", TestDatabase.ownDatabase("redis://127.0.0.1:6379/5"), "a database named by the caller is kept");
    }

    @Test
    void twoJvmsOnOneServerSeeNothingOfEachOther() {
        String server = TestRedis.url().replaceFirst("/\\d+(\\?|$)", "$1");
        String first = TestDatabase.ownDatabase(server);
        String second = TestDatabase.ownDatabase(server);
        assertNotEquals(first, second);
        String key = "rs:jobs-" + UUID.randomUUID();
        try (Redis a = Redis.connect(first); Redis b = Redis.connect(second)) {
            a.sync().set(key, "queued by the first module");
            assertNull(b.sync().get(key), "the second JVM's database does not have the first one's key");
            assertEquals("queued by the first module", a.sync().get(key));
            a.sync().del(key);
        }
    }
}
