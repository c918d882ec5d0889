package io.restream.worker.testing;

import io.restream.core.media.FfmpegBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's ffprobe (the bundled FFmpeg has none), to check what a receiver got. */
public final class Ffprobe {
    private static final String FFPROBE = "/usr/bin/ffprobe";

    private Ffprobe() {}

    /** One packet: {@code video} or {@code audio}, its presentation time, and whether it is a key frame. */
    public record Packet(String type, double pts, boolean key) {}

    /** One stream: type, codec, profile, sample rate (audio), width and height (video). */
    public record Stream(String type, String codec, String profile, int sampleRate, int width, int height) {}

    public static List<Packet> packets(Path file) throws IOException, InterruptedException {
        List<Packet> out = new ArrayList<>();
        for (String line : run(List.of(FFPROBE, "-v", "error", "-show_entries", "packet=codec_type,pts_time,flags",
                "-of", "csv=p=0", file.toString()))) {
            String[] f = line.split(",");
            if (f.length < 3 || f[1].equals("N/A")) continue;
            out.add(new Packet(f[0], Double.parseDouble(f[1]), f[2].startsWith("K")));
        }
        return out;
    }

    public static List<Stream> streams(Path file) throws IOException, InterruptedException {
        List<Stream> out = new ArrayList<>();
        for (String line : run(List.of(FFPROBE, "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,profile,sample_rate,width,height", "-of", "compact=p=0:nk=0", file.toString()))) {
            java.util.Map<String, String> kv = new java.util.HashMap<>();
            for (String part : line.split("\\|")) {
                int eq = part.indexOf('=');
                if (eq > 0) kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
            out.add(new Stream(kv.get("codec_type"), kv.get("codec_name"), kv.get("profile"),
                    parseInt(kv.get("sample_rate")), parseInt(kv.get("width")), parseInt(kv.get("height"))));
        }
        return out;
    }

    /** The duration ffprobe reports for a file or playlist, in seconds. */
    public static double duration(String fileOrUrl) throws IOException, InterruptedException {
        List<String> lines = run(List.of(FFPROBE, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", fileOrUrl));
        return lines.isEmpty() ? 0 : Double.parseDouble(lines.get(0).trim());
    }

    /** Seconds between consecutive video key frames. */
    public static List<Double> keyframeIntervals(List<Packet> packets) {
        List<Double> keys = packets.stream().filter(p -> p.type().equals("video") && p.key()).map(Packet::pts).sorted().toList();
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < keys.size(); i++) out.add(keys.get(i) - keys.get(i - 1));
        return out;
    }

    /** One decoded frame at {@code seconds} as RGB24 bytes (width × height × 3). */
    public static byte[] frameRgb(Path file, double seconds, int width, int height) throws IOException, InterruptedException {
        Process p = FfmpegBinaries.processBuilder(List.of("-v", "error", "-ss", Double.toString(seconds), "-i", file.toString(),
                "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height, "pipe:1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    /** The newest decoded frame of a growing recording, as RGB24. */
    public static byte[] latestFrame(Path file, int width, int height) throws IOException, InterruptedException {
        double last = packets(file).stream().filter(p -> p.type().equals("video")).mapToDouble(Packet::pts).max().orElse(0);
        return frameRgb(file, Math.max(0, last - 0.1), width, height);
    }

    private static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static int parseInt(String v) {
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
