package io.restream.app.deploy;

import static org.awaitility.Awaitility.await;

import io.restream.app.Launcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One role as the operator starts it: {@code java … Launcher <role>} in a process of its own, with
 * its own data dir. Ready as API.md §8 and issue 14 say: a service node when {@code http.port} is
 * written and {@code /healthz} answers, any other role when it has printed its start banner.
 */
public final class RoleProcess implements AutoCloseable {
    public final String role;
    public final Path dataDir;
    private final Process process;

    private RoleProcess(String role, Path dataDir, Process process) {
        this.role = role;
        this.dataDir = dataDir;
        this.process = process;
    }

    /** Starts {@code role} with {@code env} (on top of a clean environment: no inherited REDIS_URL). */
    public static RoleProcess start(String role, Map<String, String> env) {
        try {
            Path data = Files.createTempDirectory("restream-" + role + "-");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> argv = new ArrayList<>(List.of(java, "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), role));
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile());
            pb.environment().remove("REDIS_URL");
            pb.environment().remove("REDIS_MODE");
            Map<String, String> all = new HashMap<>(Map.of(
                    "RESTREAM_DATA_DIR", data.toString(),
                    "RESTREAM_HTTP_PORT", "0",
                    "RESTREAM_SIM_PORT", "0",
                    "RESTREAM_SANDBOX", "true",
                    "RESTREAM_HTTP_VERTICLES", "1"));
            all.putAll(env);
            pb.environment().putAll(all);
            return new RoleProcess(role, data, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until this role is ready (see the class comment); fails with its log if it died. */
    public RoleProcess awaitReady() {
        await(role + " ready").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) throw new AssertionError(role + " exited " + process.exitValue() + ":\n" + log());
            if (!log().contains("Restream started")) return false;
            if (!role.equals("service")) return true;
            return Files.exists(dataDir.resolve("http.port")) && Http.status("GET", baseUrl() + "/healthz") == 200;
        });
        return this;
    }

    public int httpPort() { return readPort("http.port"); }

    public String baseUrl() { return "http://127.0.0.1:" + httpPort(); }

    /** The simulator's URL (role {@code sim}). */
    public String simUrl() { return "http://127.0.0.1:" + readPort("sim.port"); }

    public boolean alive() { return process.isAlive(); }

    public long pid() { return process.pid(); }

    public Process process() { return process; }

    public String log() {
        try {
            return Files.readString(dataDir.resolve("out.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code kill -9}: no shutdown hook, no hand-over. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an operator stops a role; the exit status (143 or 0 for a clean stop). */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(role + " did not stop within 40 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    private int readPort(String file) {
        try {
            return Integer.parseInt(Files.readString(dataDir.resolve(file)).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }
}
