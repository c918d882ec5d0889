package io.restream.core.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;

/**
 * A logical database of its own for one test JVM on a shared standalone Redis: the server's
 * database 0 counts the JVMs ({@link #COUNTER}), and each takes the next of databases 1 to n−1.
 * Numbers come round again only after n−1 JVMs ({@code scripts/test.sh} starts Redis with 64), and
 * by then the JVM that had it has long ended: modules run one after another.
 */
final class TestDatabase {
    static final String COUNTER = "restream-tests:jvms";
    /** Redis's default when {@code CONFIG GET} is refused (managed servers). */
    private static final int DEFAULT_DATABASES = 16;

    private TestDatabase() {}

    /** {@code url} with a database of this JVM's own; a URL that names a database already keeps it. */
    static String ownDatabase(String url) {
        RedisURI uri = RedisURI.create(url);
        if (uri.getDatabase() != 0 || url.contains(",")) return url; // chosen by the caller, or a list of cluster seeds
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> redis = c.sync();
            long n = redis.incr(COUNTER);
            return withDatabase(url, database(n, databases(redis)));
        } finally {
            client.shutdown();
        }
    }

    /** The database of the {@code n}th JVM (1-based) among {@code databases}: 1 … databases − 1. */
    static int database(long n, int databases) {
        return (int) (1 + (n - 1) % Math.max(1, databases - 1));
    }

    /** {@code redis://[password@]host:port[/][?options]} with {@code /db} as its path. */
    static String withDatabase(String url, int db) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base + "/" + db + query;
    }

    private static int databases(RedisCommands<String, String> redis) {
        try {
            Map<String, String> config = redis.configGet("databases");
            String v = config.get("databases");
            return v == null ? DEFAULT_DATABASES : Integer.parseInt(v);
        } catch (RuntimeException e) {
            return DEFAULT_DATABASES;
        }
    }
}
