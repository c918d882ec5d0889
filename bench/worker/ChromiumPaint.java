import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Focused measurement behind the choice in the worker's {@code Chromium} class comment: CPU of a
 * Chromium process tree (per process type) showing the bench's animated 720p page for SECONDS after
 * 5 s of warm-up, captured FPS times a second, per method. Not part of the product or of run.sh.
 * <pre>
 *   J=~/.m2/repository/com/fasterxml/jackson/core; V=2.17.2
 *   CP=$J/jackson-databind/$V/jackson-databind-$V.jar:$J/jackson-core/$V/jackson-core-$V.jar:$J/jackson-annotations/$V/jackson-annotations-$V.jar
 *   java -cp $CP bench/worker/ChromiumPaint.java MODE [SECONDS] [FPS] [extra Chromium flags...]
 * </pre>
 * MODE: {@code new-shot} (chromium --headless, Page.captureScreenshot), {@code new-idle} (no capture),
 * {@code new-freeze} (Page.setWebLifecycleState frozen between captures), {@code new-min} (window
 * minimised between captures), {@code shell-shot} (chromium-headless-shell, screenshots),
 * {@code shell-bf} (chromium-headless-shell, BeginFrame control, HeadlessExperimental.beginFrame
 * with a screenshot), {@code new-bf} (shows that new headless lacks beginFrame). PAGE=file uses
 * another page. The worker's BeginFrame flags (ChromiumCommand.BEGIN_FRAME_FLAGS) are two more
 * than shell-bf's own; the figures in the worker README were taken with them as extra flags:
 * {@code shell-bf 40 4 --disable-threaded-animation --disable-threaded-scrolling
 * --disable-checker-imaging --disable-new-content-rendering-timeout --disable-image-animation-resync}
 * (without them the page stalled under load).
 */
public class ChromiumPaint {

    static final ObjectMapper M = new ObjectMapper();
    static WebSocket ws;
    static final AtomicLong ids = new AtomicLong();
    static final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    static final List<JsonNode> events = new CopyOnWriteArrayList<>();

    static CompletableFuture<JsonNode> send(String session, String method, Object params) {
        long id = ids.incrementAndGet();
        ObjectNode msg = M.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        if (params != null) msg.set("params", M.valueToTree(params));
        if (session != null) msg.put("sessionId", session);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        synchronized (ChromiumPaint.class) { ws.sendText(msg.toString(), true).join(); }
        return f;
    }

    static JsonNode call(String session, String method, Object params) throws Exception {
        if (System.getenv("DBG") != null) System.out.println("-> " + method);
        return send(session, method, params).get(20, TimeUnit.SECONDS);
    }

    static long ticks(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) { return 0; }
    }

    static Map<Long, Long> treeTicks(Process p) {
        Map<Long, Long> m = new HashMap<>();
        m.put(p.pid(), ticks(p.pid()));
        p.descendants().forEach(d -> m.put(d.pid(), ticks(d.pid())));
        return m;
    }

    static String type(long pid) {
        try {
            String c = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            int i = c.indexOf("--type=");
            return i < 0 ? "browser" : c.substring(i + 7, c.indexOf(' ', i));
        } catch (Exception e) { return "?"; }
    }

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        int seconds = a.length > 1 ? Integer.parseInt(a[1]) : 20;
        int fps = Integer.parseInt(a.length > 2 ? a[2] : "4");
        List<String> extra = a.length > 3 ? Arrays.asList(a).subList(3, a.length) : List.of();
        String page = System.getenv("PAGE") == null ? HtmlBench.ANIMATED : Files.readString(Path.of(System.getenv("PAGE")));
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/a.html", ex -> { byte[] b = page.getBytes(StandardCharsets.UTF_8); ex.getResponseHeaders().add("Content-Type", "text/html"); ex.sendResponseHeaders(200, b.length); ex.getResponseBody().write(b); ex.close(); });
        http.start();
        boolean shell = mode.startsWith("shell");
        boolean bf = mode.contains("bf");
        Path dir = Files.createTempDirectory("exp-chromium-");
        List<String> cmd = new ArrayList<>(List.of(shell ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium"));
        if (!shell) cmd.add("--headless");
        cmd.addAll(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir, "--remote-debugging-port=0",
                "--hide-scrollbars", "--mute-audio", "--disable-extensions", "--disable-default-apps", "--disable-breakpad",
                "--no-default-browser-check", "--disable-notifications", "--block-new-web-contents", "--disable-site-isolation-trials",
                "--disable-features=IsolateOrigins,site-per-process,Translate,MediaRouter,OptimizationHints", "--disable-dev-shm-usage"));
        if (bf) { cmd.add("--enable-begin-frame-control"); cmd.add("--run-all-compositor-stages-before-draw"); }
        cmd.addAll(extra);
        if (!shell) { cmd.add("--default-background-color=00000000"); cmd.add("about:blank"); }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Path port = dir.resolve("DevToolsActivePort");
        while (!Files.exists(port) || Files.readAllLines(port).size() < 2) Thread.sleep(50);
        List<String> l = Files.readAllLines(port);
        StringBuilder buf = new StringBuilder();
        ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + l.get(0) + l.get(1)), new WebSocket.Listener() {
            public CompletionStage<?> onText(WebSocket w, CharSequence d, boolean last) {
                buf.append(d);
                if (last) {
                    try {
                        JsonNode n = M.readTree(buf.toString());
                        if (n.has("id")) {
                            CompletableFuture<JsonNode> f = pending.remove(n.get("id").asLong());
                            if (f != null) { if (n.has("error")) f.completeExceptionally(new RuntimeException(n.get("error").toString())); else f.complete(n.get("result")); }
                        } else events.add(n);
                    } catch (Exception e) { e.printStackTrace(); }
                    buf.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).get();
        String ctx = call(null, "Target.createBrowserContext", Map.of()).path("browserContextId").asText();
        Map<String, Object> ct = new HashMap<>(Map.of("url", "about:blank", "browserContextId", ctx, "width", 1280, "height", 720));
        if (bf) ct.put("enableBeginFrameControl", true);
        String target = call(null, "Target.createTarget", ct).path("targetId").asText();
        String s = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        call(s, "Page.enable", null);
        call(s, "Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        call(s, "Emulation.setDefaultBackgroundColorOverride", Map.of("color", Map.of("r", 0, "g", 0, "b", 0, "a", 0)));
        if (bf) {
            // the first frames before navigation
            try { System.out.println("bf first: " + call(s, "HeadlessExperimental.beginFrame", Map.of()).toString().length()); } catch (Exception e) { System.out.println("beginFrame failed: " + e.getMessage()); }
        }
        CompletableFuture<JsonNode> nav = send(s, "Page.navigate", Map.of("url", "http://127.0.0.1:" + http.getAddress().getPort() + "/a.html"));
        if (bf) {
            // navigation needs frames to progress
            for (int i = 0; i < 20 && !nav.isDone(); i++) { try { send(s, "HeadlessExperimental.beginFrame", Map.of()).get(2, TimeUnit.SECONDS); } catch (Exception e) { System.out.println("bf: " + e); } Thread.sleep(100); }
        }
        nav.get(20, TimeUnit.SECONDS);
        long warm = System.nanoTime() + 5_000_000_000L;
        long t0 = 0;
        Map<Long, Long> c0 = null;
        long period = 1_000_000_000L / fps;
        long next = System.nanoTime();
        int frames = 0;
        long shotNanos = 0;
        long bytes = 0;
        Set<Integer> colours = new HashSet<>();
        Set<String> clocks = new HashSet<>();
        int empty = 0;
        long end = Long.MAX_VALUE;
        while (System.nanoTime() < end) {
            if (c0 == null && System.nanoTime() > warm) {
                c0 = treeTicks(p);
                t0 = System.nanoTime();
                end = t0 + seconds * 1_000_000_000L;
                frames = 0; shotNanos = 0; bytes = 0;
            }
            long st = System.nanoTime();
            String data = null;
            try {
            if (mode.endsWith("idle")) {
                // nothing
            } else if (bf) {
                JsonNode r = call(s, "HeadlessExperimental.beginFrame", Map.of("screenshot", Map.of("format", "png", "optimizeForSpeed", true)));
                data = r.path("screenshotData").asText(null);
                if (data == null) empty++;
            } else if (mode.contains("min")) {
                call(null, "Browser.setWindowBounds", Map.of("windowId", call(null, "Browser.getWindowForTarget", Map.of("targetId", target)).path("windowId").asInt(), "bounds", Map.of("windowState", "normal")));
                data = call(s, "Page.captureScreenshot", Map.of("format", "png", "optimizeForSpeed", true)).path("data").asText();
                call(null, "Browser.setWindowBounds", Map.of("windowId", call(null, "Browser.getWindowForTarget", Map.of("targetId", target)).path("windowId").asInt(), "bounds", Map.of("windowState", "minimized")));
            } else if (mode.contains("freeze")) {
                call(s, "Page.setWebLifecycleState", Map.of("state", "active"));
                data = call(s, "Page.captureScreenshot", Map.of("format", "png", "optimizeForSpeed", true)).path("data").asText();
                call(s, "Page.setWebLifecycleState", Map.of("state", "frozen"));
            } else {
                data = call(s, "Page.captureScreenshot", Map.of("format", "png", "optimizeForSpeed", true)).path("data").asText();
            }
            } catch (Exception ex) {
                System.out.println("capture failed: " + ex.getMessage() + "; attaching again");
                s = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
                call(s, "Emulation.setDefaultBackgroundColorOverride", Map.of("color", Map.of("r", 0, "g", 0, "b", 0, "a", 0)));
            }
            shotNanos += System.nanoTime() - st;
            if (data != null) {
                byte[] png = Base64.getDecoder().decode(data);
                bytes += png.length;
                frames++;
                if (frames % 4 == 0) {
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                    colours.add(img.getRGB(320, 20));
                    int h = 0; for (int y = 60; y < 120; y++) for (int x = 40; x < 400; x += 3) h = h * 31 + img.getRGB(x, y);
                    clocks.add(Integer.toHexString(h));
                }
            }
            next += period;
            long w = next - System.nanoTime();
            if (w > 0) Thread.sleep(w / 1_000_000, (int) (w % 1_000_000));
            else next = System.nanoTime();
        }
        Map<Long, Long> c1 = treeTicks(p);
        double el = (System.nanoTime() - t0) / 1e9;
        double total = 0;
        Map<String, Double> byType = new TreeMap<>();
        for (var e : c1.entrySet()) {
            double d = (e.getValue() - c0.getOrDefault(e.getKey(), 0L)) / 100.0 / el;
            total += d;
            byType.merge(type(e.getKey()), d, Double::sum);
        }
        System.out.printf(Locale.ROOT, "%s fps=%d %s: chromium %.3f core %s; frames %d (%.1f/s), capture avg %.1f ms, png avg %d KB, distinct bar colours %d, clock states %d, empty %d%n",
                mode, fps, extra, total, byType, frames, frames / el, frames == 0 ? 0 : shotNanos / 1e6 / frames, frames == 0 ? 0 : bytes / frames / 1024, colours.size(), clocks.size(), empty);
        p.destroyForcibly();
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        http.stop(0);
        System.exit(0);
    }
}
