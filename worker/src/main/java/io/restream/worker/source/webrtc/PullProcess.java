package io.restream.worker.source.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.worker.source.SourceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's end of one {@link WebRtcPullMain} helper process: starts it on the worker's own
 * class path (no secret on its command line or in its environment: it never needs one), talks to
 * it in JSON lines, and makes sure it is gone on {@link #close}.
 */
final class PullProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PullProcess.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLITE_MS = 2000;

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private volatile Runnable onStalled = () -> {};
    private volatile String state = "NEW";

    private PullProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        daemon("webrtc-events-" + name, this::readEvents);
        daemon("webrtc-log-" + name, this::drainStderr);
    }

    /** Starts a helper with its settings (frame rate, height cap, how long no video counts as a stall). */
    static PullProcess start(String name, int fps, int maxHeight, long stallMs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WebRtcPullMain.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        PullProcess helper = new PullProcess(name, p);
        ObjectNode config = JSON.createObjectNode().put("op", "config").put("fps", fps).put("maxHeight", maxHeight).put("stallMs", stallMs);
        helper.send(config);
        return helper;
    }

    long pid() { return process.pid(); }

    boolean alive() { return process.isAlive(); }

    void onStalled(Runnable r) { onStalled = r; }

    synchronized void send(ObjectNode msg) throws IOException {
        stdin.write((msg.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    ObjectNode message(String op) { return JSON.createObjectNode().put("op", op); }

    /**
     * The next event named in {@code wanted}; {@code source_unavailable} on an error event, on the
     * helper's end, or when nothing came before {@code deadlineNanos} ({@link System#nanoTime}).
     */
    JsonNode await(Set<String> wanted, long deadlineNanos) throws SourceException, InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            JsonNode ev = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (ev == null) {
                throw new SourceException("source_unavailable", !process.isAlive() ? "the WebRTC receiver ended"
                        : wanted.contains("media") ? "the WebRTC source sent no media in time (connection " + state + ")"
                        : "the WebRTC receiver did not get ready in time (waiting for " + String.join("/", wanted) + ")");
            }
            String type = ev.path("ev").asText();
            if (wanted.contains(type)) return ev;
            if (type.equals("error") || type.equals("exit")) {
                throw new SourceException("source_unavailable", "WebRTC receiver: " + ev.path("message").asText("ended"));
            }
        }
    }

    /**
     * The first-media event, or empty when none came before {@code deadlineNanos} while the helper
     * kept running (errors and the helper's end still throw).
     */
    Optional<JsonNode> awaitMedia(long deadlineNanos) throws SourceException, InterruptedException {
        try {
            return Optional.of(await(Set.of("media"), deadlineNanos));
        } catch (SourceException e) {
            if (process.isAlive() && System.nanoTime() >= deadlineNanos) return Optional.empty();
            throw e;
        }
    }

    /** The peer connection's last reported state (for messages). */
    String connectionState() { return state; }

    /** Ends the helper: end of its input, then killed if it is still there after a moment. Blocks. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // gone already
        }
        try {
            if (!process.waitFor(POLITE_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills at once (lost lease, crash clean-up). */
    void kill() { process.destroyForcibly(); }

    private void readEvents() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode ev;
                try {
                    ev = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                String type = ev.path("ev").asText();
                if (type.equals("stalled")) {
                    log.info("{}: WebRTC media stalled", name);
                    onStalled.run();
                } else if (type.equals("state")) {
                    state = ev.path("state").asText();
                    log.info("{}: WebRTC connection {}", name, state);
                } else if (type.equals("live")) {
                    log.info("{}: WebRTC media flowing again", name);
                }
                events.add(ev);
            }
        } catch (IOException e) {
            // helper gone
        }
        events.add(JSON.createObjectNode().put("ev", "exit"));
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) log.debug("{} helper: {}", name, line);
        } catch (IOException e) {
            // helper gone
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
