package io.restream.app.deploy;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real redis-server processes for the deployment tests, as an operator would run them for
 * durability: AOF with {@code appendfsync always}, so nothing acknowledged is lost to a
 * {@code kill -9}. Either one standalone server (which a test may kill and start again on the same
 * port and data) or a 3-master + 3-replica cluster on loopback.
 */
public final class RedisNodes implements AutoCloseable {
    private final Path dir;
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();
    private final boolean cluster;

    private RedisNodes(Path dir, boolean cluster) {
        this.dir = dir;
        this.cluster = cluster;
    }

    public static RedisNodes standalone() throws IOException {
        RedisNodes r = new RedisNodes(Files.createTempDirectory("restream-redis-"), false);
        r.startNode(freePort());
        return r;
    }

    /** Six nodes, {@code redis-cli --cluster create … --cluster-replicas 1}, ready when every node says {@code cluster_state:ok}. */
    public static RedisNodes cluster() throws Exception {
        RedisNodes r = new RedisNodes(Files.createTempDirectory("restream-cluster-"), true);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int port = freeClusterPort();
            r.startNode(port);
            addresses.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        String out = run(create);
        if (!out.contains("[OK] All 16384 slots covered")) throw new IllegalStateException("cluster create failed:\n" + out);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                r.nodes.keySet().stream().allMatch(p -> r.cli(p, "cluster", "info").contains("cluster_state:ok")));
        return r;
    }

    /** {@code redis://127.0.0.1:p} (standalone) or two seed nodes, comma-separated (cluster). */
    public String url() {
        List<Integer> ports = new ArrayList<>(nodes.keySet());
        if (!cluster) return "redis://127.0.0.1:" + ports.get(0);
        return "redis://127.0.0.1:" + ports.get(0) + ",redis://127.0.0.1:" + ports.get(1);
    }

    /** One seed only (how issue 14 starts a worker). */
    public String oneSeed() { return "redis://127.0.0.1:" + nodes.keySet().iterator().next(); }

    public List<Integer> ports() { return List.copyOf(nodes.keySet()); }

    /** The port of the master that serves {@code key}'s slot now. */
    public int masterOf(String key) {
        int slot = SlotHash.getSlot(key);
        for (Integer p : nodes.keySet()) {
            if (!nodes.get(p).isAlive()) continue;
            for (String line : cli(p, "cluster", "nodes").split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) continue;
                for (int i = 8; i < f.length; i++) {
                    String[] range = f[i].split("-");
                    if (range[0].startsWith("[")) continue;
                    int lo = Integer.parseInt(range[0]);
                    int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
                    if (slot >= lo && slot <= hi) return Integer.parseInt(f[1].split("@")[0].split(":")[1]);
                }
            }
            break;
        }
        throw new IllegalStateException("no master for slot " + slot);
    }

    /** {@code kill -9} of one node. */
    public void kill9(int port) throws InterruptedException {
        Process p = nodes.get(port);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts a killed node again on its port and data (its AOF replays every acknowledged write). */
    public void restart(int port) {
        startNode(port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> cli(port, "ping").contains("PONG"));
    }

    /** {@code INFO section} of every live node, concatenated (e.g. {@code errorstats}, to look for CROSSSLOT). */
    public String info(String section) {
        StringBuilder all = new StringBuilder();
        nodes.forEach((port, p) -> { if (p.isAlive()) all.append(cli(port, "info", section)); });
        return all.toString();
    }

    public String cli(int port, String... args) {
        List<String> argv = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        argv.addAll(List.of(args));
        return run(argv);
    }

    private void startNode(int port) {
        try {
            Path d = dir.resolve(Integer.toString(port));
            Files.createDirectories(d);
            List<String> argv = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", d.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always"));
            if (cluster) {
                argv.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000", "--cluster-replica-validity-factor", "0"));
            }
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(d.resolve("redis.log").toFile())).start();
            nodes.put(port, p);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!p.isAlive()) throw new IllegalStateException("redis-server on " + port + " exited:\n" + Files.readString(d.resolve("redis.log")));
                return run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), "ping")).contains("PONG");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A free port whose cluster bus port (+10000) is free too. */
    private static int freeClusterPort() throws IOException {
        for (int i = 0; i < 200; i++) {
            int p = 20000 + (int) (Math.random() * 35000);
            try (ServerSocket a = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(p + 10000, 1, java.net.InetAddress.getLoopbackAddress())) {
                return p;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free port pair");
    }

    @Override
    public void close() {
        nodes.values().forEach(Process::destroyForcibly);
    }
}
