package io.restream.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * The embedded Redis needs its generated password: a local client without it is refused, the
 * password and config files are mode 600, the password is not on Redis's command line, and a
 * restart on the same data dir keeps the same password.
 */
class EmbeddedRedisPasswordIT {
    @Test
    void aClientWithoutThePasswordIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("embedded-redis-pw");
        EmbeddedRedis server = EmbeddedRedis.start(dir);
        try {
            String password = Files.readString(dir.resolve("redis.password")).trim();
            assertTrue(password.length() >= 32);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("redis.password"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("redis.conf"))));
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[256];
                String reply = new String(buf, 0, in.read(buf), StandardCharsets.US_ASCII);
                assertTrue(reply.startsWith("-NOAUTH"), reply);
            }
            try (Redis r = Redis.connect(server.url())) {
                assertEquals("PONG", r.sync().ping());
            }
            long pid = Long.parseLong(Files.readString(dir.resolve("redis.pid")).trim());
            String cmdline = ProcessHandle.of(pid).orElseThrow().info().commandLine().orElse("");
            assertFalse(cmdline.contains(password), "the password is not on the command line: " + cmdline);
        } finally {
            server.close();
        }
        EmbeddedRedis again = EmbeddedRedis.start(dir);
        try (Redis r = Redis.connect(again.url())) {
            assertEquals("PONG", r.sync().ping());
            assertTrue(again.url().contains(Files.readString(dir.resolve("redis.password")).trim()));
        } finally {
            again.close();
        }
    }
}
