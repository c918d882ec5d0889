package io.restream.core.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis server started when {@code REDIS_URL} is unset: loopback only, append-only file and
 * snapshots in {@code dir}, so a restart on the same data dir finds everything again.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedis start(Path dir) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save 60 1")
                    .setting("protected-mode yes")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            log.info("embedded Redis listening on 127.0.0.1:{} with data in {}", port, dir);
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis in " + dir, e);
        }
    }

    public String url() { return "redis://127.0.0.1:" + port; }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
