package io.restream.core.testing;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.restream.core.redis.Redis;
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

    /**
     * {@code url} with a database of this JVM's own; a URL that names a database already keeps it,
     * and a server with one database only (a cluster node) is used as it is.
     */
    static String ownDatabase(String url) {
        if (url.contains(",") || RedisURI.create(url).getDatabase() != 0) return url; // cluster seeds, or chosen by the caller
        try (Redis redis = Redis.connect(url)) {
            int databases = databases(redis.sync());
            if (databases <= 1) return url;
            return withDatabase(url, database(redis.sync().incr(COUNTER), databases));
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

    private static int databases(RedisClusterCommands<String, String> redis) {
        try {
            Map<String, String> config = redis.configGet("databases");
            String v = config.get("databases");
            return v == null ? DEFAULT_DATABASES : Integer.parseInt(v);
        } catch (RuntimeException e) {
            return DEFAULT_DATABASES;
        }
    }
}
