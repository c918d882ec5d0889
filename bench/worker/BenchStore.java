import io.restream.core.redis.EmbeddedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * What a worker bench starts from: a scratch folder, a Redis ({@code REDIS_URL}, else an embedded
 * one in the folder, stopped on close) and a fresh secrets key for the bench's worker.
 */
record BenchStore(Path tmp, String redisUrl, byte[] key, EmbeddedRedis embedded) implements AutoCloseable {
    static BenchStore open(String prefix) throws Exception {
        Path tmp = Files.createTempDirectory(prefix);
        String url = System.getenv("REDIS_URL");
        EmbeddedRedis embedded = null;
        if (url == null || url.isBlank()) {
            embedded = EmbeddedRedis.start(tmp.resolve("redis"));
            url = embedded.url();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new BenchStore(tmp, url, key, embedded);
    }

    @Override
    public void close() {
        if (embedded != null) embedded.close();
    }
}
