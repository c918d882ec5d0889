package io.restream.core.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * The Redis server started when {@code REDIS_URL} is unset: the Redis 6.2 binary bundled in the
 * embedded-redis jar, on loopback only, with its append-only file and snapshots in {@code dir}, so
 * a restart on the same data dir finds everything again. It requires a password, generated once
 * into {@code redis.password} (mode 600) and handed to Redis in a mode-600 config file (never on
 * the command line, where any local user could read it), so other local users cannot use it.
 *
 * <p>We start the process ourselves rather than through the library's server class, because that
 * one registers a shutdown hook of its own that stops Redis while our roles still need it.
 * {@link #close} asks Redis to exit (it flushes its files on SIGTERM) and waits for it.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final long READY_TIMEOUT_MS = 15_000;

    private final Process process;
    private final int port;
    private final String password;

    private EmbeddedRedis(Process process, int port, String password) {
        this.process = process;
        this.port = port;
        this.password = password;
    }

    public static EmbeddedRedis start(Path dir) {
        try {
            Files.createDirectories(dir);
            Path pidFile = dir.resolve("redis.pid");
            stopLeftover(pidFile);
            int port = freePort();
            String binary = ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
            String password = password(dir.resolve("redis.password"));
            Path conf = dir.resolve("redis.conf");
            Files.deleteIfExists(conf);
            io.restream.core.crypto.SecretFiles.create(conf, "requirepass " + password + "\n");
            Process process = new ProcessBuilder(List.of(binary, conf.toAbsolutePath().toString(),
                    "--port", Integer.toString(port),
                    "--bind", "127.0.0.1",
                    "--dir", dir.toAbsolutePath().toString(),
                    "--appendonly", "yes",
                    "--appendfsync", "everysec",
                    "--save", "60 1",
                    "--protected-mode", "yes",
                    "--pidfile", pidFile.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .start();
            awaitReady(process, port);
            log.info("embedded Redis listening on 127.0.0.1:{} with data in {}", port, dir);
            return new EmbeddedRedis(process, port, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis in " + dir, e);
        }
    }

    /** The URL with the password: a secret, never log it. */
    public String url() { return "redis://" + password + "@127.0.0.1:" + port; }

    public int port() { return port; }

    /** The password in {@code file}, generated (mode 600) on first start. */
    private static String password(Path file) throws IOException {
        if (Files.exists(file)) return Files.readString(file).trim();
        String fresh = io.restream.core.crypto.Tokens.random(40);
        io.restream.core.crypto.SecretFiles.create(file, fresh);
        return fresh;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Redis writes its files and exits
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                log.warn("embedded Redis did not exit within 10 s; killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its Redis running; a second one on the same files would
     * corrupt them, so the leftover (named by the pid file, and really a redis-server) is stopped first.
     */
    private static void stopLeftover(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) return;
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("redis-server")).orElse(false))
                    .ifPresent(h -> {
                        log.warn("stopping a leftover embedded Redis (pid {}) that still holds {}", pid, pidFile.getParent());
                        h.destroy();
                        h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                            h.destroyForcibly();
                            return h;
                        }).join();
                    });
        } catch (IOException | NumberFormatException e) {
            log.warn("ignoring an unreadable Redis pid file {}: {}", pidFile, e.getMessage());
        }
    }

    /** Reads Redis's log until it accepts connections; keeps draining it afterwards on a daemon thread. */
    private static void awaitReady(Process process, int port) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("Ready to accept connections")) {
                Thread drain = new Thread(() -> drain(out), "embedded-redis-log-" + port);
                drain.setDaemon(true);
                drain.start();
                return;
            }
            if (System.currentTimeMillis() > deadline) break;
        }
        process.destroyForcibly();
        throw new IOException("embedded Redis did not start:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // Redis logs its own housekeeping; we only keep the pipe from filling up.
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
