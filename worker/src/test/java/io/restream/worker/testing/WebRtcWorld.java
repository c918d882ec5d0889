package io.restream.worker.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.JobStatus;
import io.restream.sim.PlatformSimulator;
import io.restream.sim.SimConfig;
import io.restream.sim.webrtc.WebRtcPublishers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the WebRTC source tests share, as a per-test fixture: the platform simulator (its WHEP
 * endpoint and Cloudflare Realtime API in front of real WebRTC publishers), a {@link TestWorld}
 * with one RTMP receiver, the worker pointed at the simulator, and the checks every such test makes
 * (running with media, H.264/AAC, a moving picture, the helper process gone).
 * <pre>{@code @RegisterExtension final Fixture<WebRtcWorld> webrtc = Fixture.perTest(WebRtcWorld::open);}</pre>
 */
public final class WebRtcWorld implements AutoCloseable {
    /** Generous for a loaded machine: the helper JVM loads a 23 MB native library first. */
    private static final String OPEN_TIMEOUT_MS = "40000";

    public final PlatformSimulator sim;
    public final TestWorld world;
    private RtmpReceiver receiver;

    private WebRtcWorld(PlatformSimulator sim, TestWorld world) {
        this.sim = sim;
        this.world = world;
    }

    public static WebRtcWorld open() throws IOException {
        PlatformSimulator sim = PlatformSimulator.start(SimConfig.ephemeral(true));
        try {
            return new WebRtcWorld(sim, TestWorld.inTempDir());
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /**
     * Starts the worker with the receiver {@code custom:rx} for {@code key}.
     *
     * @param template the source URL template, e.g. {@code "whep+" + sim.baseUrl() + "/whep/{id}"}
     * @param settings further worker settings (the source's token)
     */
    public RtmpReceiver start(String key, String template, long graceMs, Map<String, String> settings) throws IOException {
        receiver = world.receiver("rx", key);
        Map<String, String> env = new HashMap<>(settings);
        env.put("RESTREAM_SOURCE_URL_TEMPLATE", template);
        env.put("RESTREAM_SOURCE_GRACE_MS", Long.toString(graceMs));
        env.put("RESTREAM_SOURCE_OPEN_TIMEOUT_MS", OPEN_TIMEOUT_MS);
        world.startWorker(env);
        return receiver;
    }

    public RtmpReceiver receiver() { return receiver; }

    public WebRtcPublishers publishers() { return sim.webrtc(); }

    /** Waits until the job runs and the receiver holds media; prints and returns how long that took. */
    public long awaitRunningWithMedia(String jobId, String label) {
        long t0 = System.nanoTime();
        await("running with media at the receiver").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> world.job(jobId).status() == JobStatus.RUNNING && receiver.latestBytes() > 50_000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[measure] " + label + " → running with media " + ms + " ms");
        return ms;
    }

    /** The receiver's stream is H.264 (of {@code w}x{@code h}) and AAC, and its picture moves over two seconds. */
    public void assertMovingH264Aac(String label, int w, int h) throws Exception {
        await("four seconds of output").atMost(Duration.ofSeconds(30)).until(() -> videoSeconds() > 4);
        assertH264Aac(w, h);
        byte[][] frames = {Ffprobe.frameRgb(receiver.latest(), 1.0, w, h), Ffprobe.frameRgb(receiver.latest(), 3.0, w, h)};
        double moved = difference(frames[0], frames[1]);
        System.out.println("[measure] " + label + " picture change over 2 s: " + Math.round(moved * 100) + " % of bytes");
        assertTrue(moved > 0.01, "the picture moves: " + moved);
    }

    /** The receiver's stream has an H.264 video of {@code w}x{@code h} and an AAC audio stream. */
    public void assertH264Aac(int w, int h) throws Exception {
        List<Ffprobe.Stream> streams = Ffprobe.streams(receiver.latest());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("video") && s.codec().equals("h264") && s.width() == w && s.height() == h),
                streams.toString());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("audio") && s.codec().equals("aac")), streams.toString());
    }

    /** Seconds of video the receiver holds. */
    public double videoSeconds() throws Exception {
        return Ffprobe.packets(receiver.latest()).stream().filter(p -> p.type().equals("video")).mapToDouble(Ffprobe.Packet::pts).max().orElse(0);
    }

    /** The job failed with {@code source_unavailable}, left no helper and pushed nothing; returns its error message. */
    public String assertFailedUnavailable(String jobId, String label, Duration within) {
        long t0 = System.nanoTime();
        await("failed").atMost(within).until(() -> world.job(jobId).status() == JobStatus.FAILED);
        System.out.println("[measure] " + label + " failed after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals("source_unavailable", world.job(jobId).error().code());
        awaitNoHelper();
        assertEquals(0, receiver.connections(), "nothing was pushed");
        return world.job(jobId).error().message();
    }

    /** Stops the job and waits until {@code ended} (an end of the publisher's session) is seen; prints how long that took. */
    public void stopAndAwaitEnd(String jobId, String endKind, String label) {
        world.stop(jobId);
        long stopped = System.nanoTime();
        await(endKind).atMost(Duration.ofSeconds(10))
                .until(() -> sim.webrtc().ends().stream().anyMatch(e -> e.kind().equals(endKind)));
        System.out.println("[measure] " + label + " " + (System.nanoTime() - stopped) / 1_000_000 + " ms after stop");
    }

    public void awaitNoHelper() {
        await("no helper process left").atMost(Duration.ofSeconds(10)).until(() -> helperPids().isEmpty());
    }

    /** Pids of this JVM's WebRTC helper processes (the worker runs in the test JVM). */
    public static List<Long> helperPids() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> cmdline(p.pid()).contains("WebRtcPullMain")).map(ProcessHandle::pid).toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public static boolean alive(long pid) { return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); }

    /** Share of bytes that differ by more than 24 between two RGB frames of the same size (0 when a frame is missing). */
    public static double difference(byte[] a, byte[] b) {
        if (a.length == 0 || a.length != b.length) return 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > 24) n++;
        return (double) n / a.length;
    }

    @Override
    public void close() {
        try {
            world.close();
        } finally {
            sim.close();
        }
    }
}
