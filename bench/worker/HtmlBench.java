import com.sun.net.httpserver.HttpServer;
import io.restream.core.jobs.JobStore;
import io.restream.core.model.Overlay;
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
 * worker's log) and in the first frame a destination decodes (the latency probe decodes as it
 * receives), over {@link #SWITCHES} switches.
 */
final class HtmlBench {
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) ");
    private static long chromium0;
    private static long chromium1;
    private static long window0;
    private static long window1;

    /** PATCH → ... figures: medians and 90th percentiles over {@link #SWITCHES} switches; -1 = never seen. */
    record Extra(double chromiumCpuPerMin, double pssMb, double chromiumPssMb, long patchToFeedMs, long patchToFeedP90,
                 long patchToReceiverMs, long patchToReceiverP90, int switches) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[chromium %.1f CPU-s/min, PSS %.0f MB (chromium %.0f MB), PATCH→feed p50 %d / p90 %d ms, "
                    + "PATCH→decoded at a destination p50 %d / p90 %d ms (%d switches)]",
                    chromiumCpuPerMin, pssMb, chromiumPssMb, patchToFeedMs, patchToFeedP90, patchToReceiverMs, patchToReceiverP90, switches);
        }
    }

    /** How many overlay switches are timed per banner scenario. */
    static final int SWITCHES = 10;
    /** The stripes' row and columns: 16 stripes 40 px wide across x 0–640, sampled at their centres on y = 60. */
    private static final int STRIPE_Y = 60;
    private static final int STRIPE_W = 40;
    private static final int STRIPES = 16;

    private HtmlBench() {}

    /** The animated page (/animated.html): a colour-cycling bar, a clock updated every 100 ms, a scrolling ticker. */
    static final String ANIMATED = "<!doctype html><html><head><style>html,body{margin:0;background:transparent;overflow:hidden;"
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

    /**
     * {@code /animated.html}: a 720p banner that keeps the renderer busy the way a live scoreboard
     * does: a colour bar cycling by CSS animation, a JS clock and score, and a scrolling ticker
     * (kept clear of the latency barcode at y 400–420). {@code /stripes-a|b.html|png}: what the
     * timed PATCHes switch between.
     */
    static void servePages(HttpServer http) throws IOException {
        serve(http, "/animated.html", "text/html", ANIMATED.getBytes(StandardCharsets.UTF_8));
        for (String phase : List.of("a", "b")) {
            serve(http, "/stripes-" + phase + ".html", "text/html", stripesPage(phase.equals("a")).getBytes(StandardCharsets.UTF_8));
            serve(http, "/stripes-" + phase + ".png", "image/png", stripesPng(phase.equals("a")));
        }
    }

    /**
     * What the timed PATCHes switch between: black and white stripes 40 px wide over x 0–640,
     * phase a starting white, phase b black: unmistakable in the gray frames the latency probe
     * decodes, and unlike anything the animated page or the source shows.
     */
    private static String stripesPage(boolean whiteFirst) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><style>html,body{margin:0;background:transparent}"
                + "div{position:absolute;top:0;width:" + STRIPE_W + "px;height:180px}</style></head><body>");
        for (int i = 0; i < STRIPES; i++) {
            boolean white = (i % 2 == 0) == whiteFirst;
            b.append("<div style=\"left:").append(i * STRIPE_W).append("px;background:").append(white ? "#fff" : "#000").append("\"></div>");
        }
        return b.append("</body></html>").toString();
    }

    private static byte[] stripesPng(boolean whiteFirst) throws IOException {
        BufferedImage img = new BufferedImage(1280, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 1280 / STRIPE_W; i++) {
            g.setColor((i % 2 == 0) == whiteFirst ? Color.WHITE : Color.BLACK);
            g.fillRect(i * STRIPE_W, 0, STRIPE_W, 120);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        return png.toByteArray();
    }

    /** 'a', 'b', or 0 when the frame (gray, 1280 × 720) shows neither stripe phase. */
    static char stripes(byte[] gray) {
        boolean a = true;
        boolean b = true;
        for (int i = 0; i < STRIPES; i++) {
            int v = gray[STRIPE_Y * 1280 + i * STRIPE_W + STRIPE_W / 2] & 0xff;
            boolean white = v > 200;
            boolean black = v < 55;
            a &= i % 2 == 0 ? white : black;
            b &= i % 2 == 0 ? black : white;
        }
        return a ? 'a' : b ? 'b' : 0;
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

    /**
     * After the CPU window: memory now, then {@link #SWITCHES} PATCHes alternating between the two
     * stripe phases (new URLs each time: a new page to open for HTML, a new image to fetch for PNG),
     * each timed from the PATCH until the worker logs it in the overlay feed and until the first
     * frame showing it is decoded at a destination (the latency probe, which decodes as it receives).
     */
    static Extra extra(long pid, String kind, JobStore jobs, String jobId, String base, ClockStreams.LatencyProbe probe, Path log)
            throws Exception {
        double chromiumCpu = (chromium1 - chromium0) / 100.0 / ((window1 - window0) / 1e9) * 60;
        double pss = 0;
        double chromiumPss = 0;
        for (long p : tree(pid)) {
            double mb = pssKb(p) / 1024.0;
            pss += mb;
            if (isChromium(p)) chromiumPss += mb;
        }
        boolean html = kind.equals("html");
        String marker = html ? "html banner on air" : "overlay applied";
        List<Long> feed = new java.util.ArrayList<>();
        List<Long> air = new java.util.ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            char phase = i % 2 == 0 ? 'a' : 'b';
            String url = base + "/stripes-" + phase + (html ? ".html" : ".png");
            Overlay patch = html ? new Overlay(url, null, null, null, null, null) : new Overlay(null, url, null, null, null, null);
            java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
            long[] seenAt = {0};
            probe.watcher = frame -> {
                if (seen.getCount() > 0 && stripes(frame) == phase) {
                    seenAt[0] = System.nanoTime();
                    seen.countDown();
                }
            };
            LocalTime patchedAt = LocalTime.now();
            long t0 = System.nanoTime();
            jobs.patchOverlay(jobId, patch).toCompletableFuture().join();
            boolean ok = seen.await(20, java.util.concurrent.TimeUnit.SECONDS);
            probe.watcher = null;
            air.add(ok ? (seenAt[0] - t0) / 1_000_000 : -1);
            Thread.sleep(500); // the worker's log line is written by now
            feed.add(logged(log, marker, patchedAt));
            Thread.sleep(1000);
        }
        System.out.println("   PATCH → feed (ms): " + feed + "; PATCH → decoded at a destination (ms): " + air);
        return new Extra(chromiumCpu, pss, chromiumPss, pct(feed, 50), pct(feed, 90), pct(air, 50), pct(air, 90), SWITCHES);
    }

    /** Ms from {@code after} to the first log line at or after it containing {@code marker}, or -1. */
    private static long logged(Path log, String marker, LocalTime after) throws IOException {
        LocalTime from = after.withNano(after.getNano() / 1_000_000 * 1_000_000);
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOG_TIME.matcher(line);
            if (!m.find() || !line.contains(marker)) continue;
            LocalTime at = LocalTime.parse(m.group(1));
            if (!at.isBefore(from)) return java.time.Duration.between(after, at).toMillis();
        }
        return -1;
    }

    /** The p-th percentile; a switch never seen (-1) counts as slower than every other. */
    private static long pct(List<Long> values, int p) {
        List<Long> sorted = values.stream().map(v -> v < 0 ? Long.MAX_VALUE : v).sorted().toList();
        long v = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        return v == Long.MAX_VALUE ? -1 : v;
    }

    static void report(StringBuilder b, List<WorkerBench.Result> banners) {
        if (banners.isEmpty()) return;
        b.append("\n## Banners: PNG vs animated HTML\n\n");
        b.append("| scenario | worker CPU-s per minute | of which Chromium | memory PSS, worker + children (MB) | of which Chromium (MB) "
                + "| PATCH → in the overlay feed, p50 / p90 (ms) | PATCH → decoded at a destination, p50 / p90 (ms) |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (WorkerBench.Result r : banners) {
            Extra e = r.extra();
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %.0f | %d / %d | %d / %d |%n", r.s().name(), r.cpuSecondsPerMinute(),
                    e.chromiumCpuPerMin(), e.pssMb(), e.chromiumPssMb(), e.patchToFeedMs(), e.patchToFeedP90(),
                    e.patchToReceiverMs(), e.patchToReceiverP90()));
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
            b.append(String.format(Locale.ROOT, "- PATCH → on air, decoded at a destination, over %d switches each (p50 / p90): HTML %d / %d ms, "
                    + "PNG %d / %d ms (target ≤ 1000 ms); into the overlay feed: HTML %d / %d ms, PNG %d / %d ms%n",
                    html.extra().switches(), html.extra().patchToReceiverMs(), html.extra().patchToReceiverP90(),
                    png.extra().patchToReceiverMs(), png.extra().patchToReceiverP90(),
                    html.extra().patchToFeedMs(), html.extra().patchToFeedP90(), png.extra().patchToFeedMs(), png.extra().patchToFeedP90()));
        }
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
