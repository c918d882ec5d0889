import io.restream.core.model.Overlay;
import io.restream.core.model.UserRef;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * The worker's latency table, {@code runs} times each, as a platform sees it (an {@link RtmpSink}):
 * goLive → first video frame at all 3 destinations (demo source, and an RTMP origin with H.264/AAC);
 * supersede → the new job's first video frame at all 3 destinations (and the gap without media
 * there; a destination must never see two publishers at once); PNG banner PATCH → the banner in the
 * decoded frames at a destination. Every connection must start on a key frame after the sequence
 * headers, or the run is counted as a failure.
 */
final class LatencyRuns {
    /** Samples in ms per row; failures counted. */
    record Row(String name, List<Double> ms, int failures, String note) {}

    record Table(List<Row> rows) {}

    private final Jobs jobs;
    private final ClockStreams.Origin origin;
    private final int runs;

    LatencyRuns(Jobs jobs, ClockStreams.Origin origin, int runs) {
        this.jobs = jobs;
        this.origin = origin;
        this.runs = runs;
    }

    Table run() throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(goLive("goLive → first media at 3 destinations (demo source)", true));
        rows.add(goLive("goLive → first media at 3 destinations (RTMP origin, H.264/AAC)", false));
        rows.addAll(supersede());
        rows.add(overlay());
        return new Table(rows);
    }

    private Row goLive(String name, boolean demo) throws Exception {
        System.out.println("== " + name + "; " + PeerBench.Load.uptime());
        List<Double> ms = new ArrayList<>();
        int failures = 0;
        List<RtmpSink> sinks = sinks(3, false);
        try {
            for (int i = 0; i < runs; i++) {
                String source = demo ? "demo-" + UUID.randomUUID() : "cam" + UUID.randomUUID().toString().substring(0, 8);
                long t0 = System.nanoTime();
                String job = jobs.goLive(Jobs.newUser(), source, sinks, null);
                try {
                    long first = Jobs.awaitFirstVideo(sinks, t0, 30_000);
                    String bad = Jobs.checkStarts(sinks, t0);
                    if (bad != null) {
                        failures++;
                        System.out.println("   bad start: " + bad);
                    }
                    ms.add((first - t0) / 1e6);
                } catch (IllegalStateException e) {
                    failures++;
                } finally {
                    jobs.stopAndWait(job);
                }
                System.out.printf("   run %d: %s%n", i + 1, ms.isEmpty() ? "-" : String.format("%.0f ms", ms.get(ms.size() - 1)));
            }
        } finally {
            for (RtmpSink s : sinks) s.close();
        }
        return new Row(name, ms, failures, null);
    }

    private List<Row> supersede() throws Exception {
        System.out.println("== supersede; " + PeerBench.Load.uptime());
        List<Double> switchMs = new ArrayList<>();
        List<Double> gapMs = new ArrayList<>();
        int failures = 0;
        int twoPublishers = 0;
        List<RtmpSink> sinks = sinks(3, false);
        UserRef user = Jobs.newUser();
        long start = System.nanoTime();
        String job = jobs.goLive(user, "demo-" + UUID.randomUUID(), sinks, null);
        try {
            Jobs.awaitFirstVideo(sinks, start, 30_000);
            for (int i = 0; i < runs; i++) {
                Thread.sleep(1500); // let the old job settle into RUNNING with media flowing
                for (RtmpSink s : sinks) s.resetMaxConcurrent();
                long t0 = System.nanoTime();
                String next = jobs.goLiveAgain(user, "demo-" + UUID.randomUUID(), sinks, null);
                try {
                    long first = Jobs.awaitFirstVideo(sinks, t0, 30_000);
                    switchMs.add((first - t0) / 1e6);
                    double gap = 0;
                    for (RtmpSink s : sinks) {
                        long newFirst = s.firstVideoAfter(t0);
                        long oldLast = s.sessions().stream().filter(x -> x.connectedAt < t0).mapToLong(x -> x.lastMediaAt).max().orElse(newFirst);
                        gap = Math.max(gap, (newFirst - oldLast) / 1e6);
                        if (s.maxConcurrent() > 1) twoPublishers++;
                    }
                    gapMs.add(gap);
                    if (Jobs.checkStarts(sinks, t0) != null) failures++;
                } catch (IllegalStateException e) {
                    failures++;
                }
                job = next;
                System.out.printf("   run %d: %s%n", i + 1, switchMs.isEmpty() ? "-" : String.format("%.0f ms", switchMs.get(switchMs.size() - 1)));
            }
        } finally {
            jobs.stopAndWait(job);
            for (RtmpSink s : sinks) s.close();
        }
        String note = twoPublishers == 0 ? "never two publishers on one key" : twoPublishers + " times two publishers on one key";
        return List.of(new Row("supersede → new job's first media at 3 destinations", switchMs, failures, note),
                new Row("supersede: gap without media at a destination (old's last frame → new's first)", gapMs, 0, note));
    }

    private Row overlay() throws Exception {
        System.out.println("== overlay; " + PeerBench.Load.uptime());
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve(http, "/red.png", png(new Color(230, 20, 20)));
        serve(http, "/green.png", png(new Color(20, 230, 20)));
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        List<Double> ms = new ArrayList<>();
        int failures = 0;
        RtmpSink sink = new RtmpSink("ov", true);
        long start = System.nanoTime();
        String job = jobs.goLive(Jobs.newUser(), "demo-" + UUID.randomUUID(), List.of(sink), new Overlay(null, base + "/red.png", null, null, null, null));
        try {
            Jobs.awaitFirstVideo(List.of(sink), start, 30_000);
            boolean green = true;
            for (int i = 0; i < runs; i++) {
                Thread.sleep(1000);
                String png = green ? "/green.png" : "/red.png";
                long t0 = System.nanoTime();
                jobs.store().patchOverlay(job, new Overlay(null, base + png, null, null, null, null)).toCompletableFuture().join();
                long seen = 0;
                while (System.nanoTime() - t0 < 15_000_000_000L) {
                    byte[] f = sink.lastFrame();
                    if (f != null && isColour(f, green)) {
                        seen = System.nanoTime();
                        break;
                    }
                    Thread.sleep(5);
                }
                if (seen == 0) failures++; else ms.add((seen - t0) / 1e6);
                green = !green;
                System.out.printf("   run %d: %s%n", i + 1, seen == 0 ? "not seen" : String.format("%.0f ms", (seen - t0) / 1e6));
            }
        } finally {
            jobs.stopAndWait(job);
            sink.close();
            http.stop(0);
        }
        return new Row("PNG banner PATCH → on air (decoded at a destination)", ms, failures, null);
    }

    /** The middle of the top banner (the top 120 of 720 rows) in the 160x90 thumbnail. */
    private static boolean isColour(byte[] rgb, boolean green) {
        int i = (5 * RtmpSink.THUMB_W + RtmpSink.THUMB_W / 2) * 3;
        int r = rgb[i] & 0xff;
        int g = rgb[i + 1] & 0xff;
        int b = rgb[i + 2] & 0xff;
        return green ? g > 170 && r < 90 && b < 90 : r > 170 && g < 90 && b < 90;
    }

    private static List<RtmpSink> sinks(int n, boolean decode) throws Exception {
        List<RtmpSink> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new RtmpSink("k" + i, decode));
        return out;
    }

    private static byte[] png(Color c) throws Exception {
        BufferedImage img = new BufferedImage(1280, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 1280, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void serve(com.sun.net.httpserver.HttpServer http, String path, byte[] body) {
        http.createContext(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
    }
}
