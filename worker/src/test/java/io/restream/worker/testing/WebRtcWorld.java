package io.restream.worker.testing;

import io.restream.sim.PlatformSimulator;
import io.restream.sim.SimConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the WebRTC source tests share: the platform simulator (its WHEP endpoint and Cloudflare
 * Realtime API in front of real WebRTC publishers), and ways to see the worker's helper processes
 * and whether the picture moves.
 */
public final class WebRtcWorld {
    private WebRtcWorld() {}

    public static PlatformSimulator simulator() { return PlatformSimulator.start(SimConfig.ephemeral(true)); }

    /** Pids of this JVM's WebRTC helper processes (the worker runs in the test JVM). */
    public static List<Long> helperPids() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> cmdline(p.pid()).contains("WebRtcPullMain")).map(ProcessHandle::pid).toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
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

    /** Two frames of the recording {@code apart} seconds from each other, as RGB. */
    public static byte[][] twoFrames(Path recording, double at, double apart, int w, int h) throws IOException, InterruptedException {
        return new byte[][] {Ffprobe.frameRgb(recording, at, w, h), Ffprobe.frameRgb(recording, at + apart, w, h)};
    }
}
