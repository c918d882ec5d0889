package io.restream.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher as a real process: bad arguments are refused, it writes its port, serves, and on
 * SIGTERM stops cleanly, taking its embedded Redis child with it.
 */
class LauncherProcessIT {
    static ProcessBuilder launcher(Path data, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile());
        pb.environment().remove("REDIS_URL");
        pb.environment().put("RESTREAM_DATA_DIR", data.toString());
        pb.environment().put("RESTREAM_HTTP_PORT", "0");
        pb.environment().put("RESTREAM_SIM_PORT", "0");
        pb.environment().put("RESTREAM_SANDBOX", "true");
        return pb;
    }

    @Test
    void unknownRoleIsAUsageError() throws Exception {
        Path data = Files.createTempDirectory("restream-proc");
        Process p = launcher(data, "everything").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(Files.readString(data.resolve("out.log")).contains("usage:"));
    }

    @Test
    void aSingleRoleWithoutRedisUrlIsRefusedWithAClearMessage() throws Exception {
        Path data = Files.createTempDirectory("restream-proc");
        Process p = launcher(data, "service").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertTrue(Files.readString(data.resolve("out.log")).contains("REDIS_URL is required"));
    }

    @Test
    void sigtermStopsEverythingCleanly() throws Exception {
        Path data = Files.createTempDirectory("restream-proc");
        Process p = launcher(data).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("http.port")) || !p.isAlive());
            assertTrue(p.isAlive(), () -> "launcher died: " + read(data));
            int port = Integer.parseInt(Files.readString(data.resolve("http.port")).trim());
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(data.resolve("sim.port")));
            int simPort = Integer.parseInt(Files.readString(data.resolve("sim.port")).trim());
            HttpResponse<String> streams = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simPort + "/sim/twitch/streams")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, streams.statusCode(), "sandbox mode starts the platform simulator");
            List<ProcessHandle> children = p.descendants().toList();
            assertFalse(children.isEmpty(), "the embedded Redis runs as a child");

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s");
            assertTrue(p.exitValue() == 143 || p.exitValue() == 0, "exit " + p.exitValue());
            await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
            assertTrue(Files.isDirectory(data.resolve("redis")), "Redis data stays in the data dir");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigtermWhileStartingStillStopsWhatHasStarted() throws Exception {
        Path data = Files.createTempDirectory("restream-proc");
        Process p = launcher(data).start();
        try {
            // The embedded Redis child is among the first things started; the roles are still coming up.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> p.descendants().findAny().isPresent() || !p.isAlive());
            List<ProcessHandle> children = p.descendants().toList();
            assertFalse(children.isEmpty(), () -> "launcher died: " + read(data));
            p.destroy(); // SIGTERM before the start-up has finished
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s");
            await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            p.destroyForcibly();
        }
    }

    static String read(Path data) {
        try {
            return Files.readString(data.resolve("out.log"));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
