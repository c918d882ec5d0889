import com.sun.net.httpserver.HttpServer;
import io.restream.core.jobs.JobStore;
import io.restream.core.model.Overlay;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.RtmpReceiver;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The banner scenarios' extra figures: CPU and memory (PSS) of the worker tree and of its Chromium,
 * and the time from a PATCH of the overlay to the change being in the overlay feed (from the
 * worker's log) and visible in the frames a destination receives (decoded).
 */
final class HtmlBench {
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) ");
    private static long chromium0;
    private static long chromium1;
    private static long window0;
    private static long window1;

    record Extra(double chromiumCpuPerMin, double pssMb, double chromiumPssMb, long patchToFeedMs, long patchToReceiverMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[chromium %.1f CPU-s/min, PSS %.0f MB (chromium %.0f MB), PATCH→feed %d ms, PATCH→receiver %d ms]",
                    chromiumCpuPerMin, pssMb, chromiumPssMb, patchToFeedMs, patchToReceiverMs);
        }
    }

    private HtmlBench() {}

    /**
     * {@code /animated.html}: a 720p banner that keeps the renderer busy the way a live scoreboard
     * does: a colour bar cycling by CSS animation, a JS clock and score, and a scrolling ticker
     * (kept clear of the latency barcode at y 400–420). {@code /switch.html} and {@code /switch.png}:
     * magenta, what the PATCH switches to.
     */
    static void servePages(HttpServer http) throws IOException {
        String animated = "<!doctype html><html><head><style>html,body{margin:0;background:transparent;overflow:hidden;"
                + "font-family:DejaVu Sans,sans-serif}#bar{position:absolute;left:0;top:0;width:640px;height:180px;"
                + "animation:cycle 3s linear infinite}@keyframes cycle{0%{background:#f00}33%{background:#0f0}66%{background:#00f}100%{background:#f00}}"
                + "#clock{position:absolute;left:40px;top:60px;font-size:48px;color:#fff}"
                + "#ticker{position:absolute;left:0;top:620px;width:1280px;height:80px;background:rgba(0,0,0,.7);overflow:hidden}"
                + "#ticker span{position:absolute;white-space:nowrap;font-size:40px;line-height:80px;color:#fff;animation:run 12s linear infinite}"
                + "@keyframes run{from{transform:translateX(1280px)}to{transform:translateX(-2000px)}}</style></head><body>"
                + "<div id=bar></div><div id=clock></div><div id=ticker><span>BREAKING: Restream benchmark ticker — "
                + "HOME 2 : 1 AWAY — next match at 20:00 — follow us everywhere</span></div><script>const t0=Date.now();"
                + "setInterval(()=>{const s=Math.floor((Date.now()-t0)/100)/10;document.getElementById('clock').textContent="
                + "'LIVE '+s.toFixed(1)+' s';},100);</script></body></html>";
        String magenta = "<!doctype html><html><head><style>html,body{margin:0;background:transparent}"
                + "#bar{position:absolute;left:0;top:0;width:640px;height:180px;background:#ff00ff}</style></head><body><div id=bar></div></body></html>";
        serve(http, "/animated.html", "text/html", animated.getBytes(StandardCharsets.UTF_8));
        serve(http, "/switch.html", "text/html", magenta.getBytes(StandardCharsets.UTF_8));
        BufferedImage img = new BufferedImage(1280, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(255, 0, 255));
        g.fillRect(0, 0, 1280, 120);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        serve(http, "/switch.png", "image/png", png.toByteArray());
    }

    private static void serve(HttpServer http, String path, String type, byte[] body) {
        http.createContext(path, ex -> {
            ex.getResponseHeaders().add("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
    }

    static void startWindow(long pid) {
        chromium0 = chromiumTicks(pid);
        window0 = System.nanoTime();
    }

    static void endWindow(long pid) {
        chromium1 = chromiumTicks(pid);
        window1 = System.nanoTime();
    }

    /** After the CPU window: memory now, then a PATCH to magenta and how long until it shows. */
    static Extra extra(long pid, String kind, JobStore jobs, String jobId, String base, RtmpReceiver rx, Path log) throws Exception {
        double chromiumCpu = (chromium1 - chromium0) / 100.0 / ((window1 - window0) / 1e9) * 60;
        double pss = 0;
        double chromiumPss = 0;
        for (long p : tree(pid)) {
            double mb = pssKb(p) / 1024.0;
            pss += mb;
            if (isChromium(p)) chromiumPss += mb;
        }
        boolean html = kind.equals("html");
        Overlay patch = html ? new Overlay(base + "/switch.html", null, null, null, null, null)
                : new Overlay(null, base + "/switch.png", null, null, null, null);
        LocalTime patchedAt = LocalTime.now();
        long t0 = System.nanoTime();
        jobs.patchOverlay(jobId, patch).toCompletableFuture().join();
        long receiverMs = -1;
        while ((System.nanoTime() - t0) / 1_000_000 < 20_000) {
            byte[] rgb = Ffprobe.latestFrame(rx.latest(), 1280, 720);
            if (isMagenta(rgb, html ? 320 : 640, html ? 90 : 10)) {
                receiverMs = (System.nanoTime() - t0) / 1_000_000;
                break;
            }
        }
        String marker = html ? "html banner on air" : "overlay applied";
        long feedMs = -1;
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOG_TIME.matcher(line);
            if (!m.find() || !line.contains(marker)) continue;
            LocalTime at = LocalTime.parse(m.group(1));
            if (!at.isBefore(patchedAt.withNano(patchedAt.getNano() / 1_000_000 * 1_000_000))) {
                feedMs = java.time.Duration.between(patchedAt, at).toMillis();
                break;
            }
        }
        return new Extra(chromiumCpu, pss, chromiumPss, feedMs, receiverMs);
    }

    static void report(StringBuilder b, List<WorkerBench.Result> banners) {
        if (banners.isEmpty()) return;
        b.append("\n## Banners: PNG vs animated HTML\n\n");
        b.append("| scenario | worker CPU-s per minute | of which Chromium | memory PSS, worker + children (MB) | of which Chromium (MB) | PATCH → in the overlay feed (ms) | PATCH → seen at a destination (ms) |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (WorkerBench.Result r : banners) {
            Extra e = r.extra();
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %.0f | %d | %d |%n", r.s().name(), r.cpuSecondsPerMinute(),
                    e.chromiumCpuPerMin(), e.pssMb(), e.chromiumPssMb(), e.patchToFeedMs(), e.patchToReceiverMs()));
        }
        WorkerBench.Result png = banners.stream().filter(r -> r.s().overlay().equals("png") && r.s().destinations() == 2).findFirst().orElse(null);
        WorkerBench.Result html = banners.stream().filter(r -> r.s().overlay().equals("html")).findFirst().orElse(null);
        if (png != null && html != null) {
            // On a busy machine the encoder's share moves between runs; Chromium's own time is the firmer figure.
            double delta = html.cpuSecondsPerMinute() - png.cpuSecondsPerMinute();
            double extra = Math.max(delta, html.extra().chromiumCpuPerMin());
            b.append(String.format(Locale.ROOT, "%n- HTML banner extra per job: **%.2f core** (the larger of the whole tree's difference, %.1f CPU-s/min, "
                    + "and Chromium's own, %.1f CPU-s/min; target ≤ 0.25 core), **%+.0f MB** PSS%n",
                    extra / 60, delta, html.extra().chromiumCpuPerMin(), html.extra().pssMb() - png.extra().pssMb()));
            b.append(String.format(Locale.ROOT, "- PATCH → on air (in the overlay feed the encoder reads): HTML %d ms, PNG %d ms (target ≤ 1000 ms); "
                    + "seen at a destination: HTML %d ms, PNG %d ms (adds the feeder's 1 s lead, encode and decode)%n",
                    html.extra().patchToFeedMs(), png.extra().patchToFeedMs(), html.extra().patchToReceiverMs(), png.extra().patchToReceiverMs()));
        }
    }

    private static boolean isMagenta(byte[] rgb, int x, int y) {
        int i = (y * 1280 + x) * 3;
        if (rgb == null || rgb.length < i + 3) return false;
        return (rgb[i] & 0xff) > 200 && (rgb[i + 1] & 0xff) < 60 && (rgb[i + 2] & 0xff) > 200;
    }

    private static List<Long> tree(long pid) {
        List<Long> out = new java.util.ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> out.add(d.pid())));
        return out;
    }

    private static long chromiumTicks(long pid) {
        return tree(pid).stream().filter(HtmlBench::isChromium).mapToLong(WorkerBench::ticks).sum();
    }

    private static boolean isChromium(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("chromium");
        } catch (IOException e) {
            return false;
        }
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
