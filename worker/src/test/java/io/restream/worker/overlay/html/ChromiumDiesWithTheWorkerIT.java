package io.restream.worker.overlay.html;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The banner browser never outlives the worker: a worker JVM killed with SIGKILL (no clean-up runs)
 * takes its Chromium with it, every process of it, whichever binary the command line names.
 */
class ChromiumDiesWithTheWorkerIT {
    @TempDir Path dir;

    /** A stand-in worker JVM: starts the browser from a thread that stays, prints its pid, waits. */
    public static final class Launcher {
        public static void main(String[] args) throws Exception {
            Process p = new ProcessBuilder(ChromiumCommand.args(Path.of(args[0]), List.of()))
                    .redirectErrorStream(true).redirectOutput(Path.of(args[0]).resolveSibling("chromium.log").toFile()).start();
            System.out.println("started " + p.pid());
            new java.util.concurrent.CountDownLatch(1).await(); // until killed
        }
    }

    @Test
    void aKilledWorkerTakesItsBrowserWithIt() throws Exception {
        Path profile = dir.resolve("profile");
        Files.createDirectories(profile);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process worker = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), profile.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("started "), "the browser was started: " + line);
            await("the browser's DevTools endpoint").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(profile.resolve("DevToolsActivePort")));
            await("the browser's processes are listed").atMost(Duration.ofSeconds(10)).until(() -> !browsers(profile).isEmpty());
            List<ProcessHandle> before = ProcessHandle.of(browsers(profile).get(0)).stream()
                    .flatMap(b -> Stream.concat(Stream.of(b), b.descendants())).toList();
            System.out.println("[measure] browser processes of the stand-in worker: " + before.size() + " (" + ChromiumCommand.BINARY + ")");

            worker.destroyForcibly(); // SIGKILL: nothing in the worker runs any more
            worker.waitFor();
            long killed = System.nanoTime();
            await("no browser process left").atMost(Duration.ofSeconds(15))
                    .until(() -> browsers(profile).isEmpty() && before.stream().noneMatch(ProcessHandle::isAlive));
            System.out.println("[measure] browser gone " + (System.nanoTime() - killed) / 1_000_000 + " ms after the worker's SIGKILL");
        } finally {
            worker.destroyForcibly();
            browsers(profile).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** Live processes whose command line names this test's profile folder (the browser and its helpers). */
    private static List<Long> browsers(Path profile) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> cmdline(p.pid()).contains("--user-data-dir=" + profile))
                .map(ProcessHandle::pid).toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (Exception e) {
            return "";
        }
    }
}
