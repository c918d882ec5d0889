import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the overlay's frames cost on their way to FFmpeg: loopback TCP (what {@code OverlayInput}
 * uses) against a Unix socket. A writer sends 400 yuva420p frames of 1280×720 (2.3 MB) as fast as
 * a reader in another thread takes them into a 32 KB direct buffer (FFmpeg's read size); printed:
 * the writer's CPU a frame, and the wall time of the whole transfer (with two cores, about both
 * sides' CPU together). Three rounds each, alternating.
 *
 * <p>Usage: {@code java bench/worker/OverlaySocket.java}
 */
public final class OverlaySocket {
    static final int FRAME = 1280 * 720 * 5 / 2;
    static final int FRAMES = 400;

    public static void main(String[] args) throws Exception {
        for (int round = 0; round < 3; round++) {
            for (String kind : new String[] {"tcp", "unix"}) run(kind);
        }
    }

    static void run(String kind) throws Exception {
        ServerSocketChannel server;
        SocketAddress address;
        if (kind.equals("tcp")) {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            address = server.getLocalAddress();
        } else {
            Path path = Files.createTempDirectory("overlay-socket").resolve("s");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            address = UnixDomainSocketAddress.of(path);
            server.bind(address);
        }
        SocketAddress target = address;
        Thread reader = new Thread(() -> {
            try (SocketChannel c = SocketChannel.open(target)) {
                ByteBuffer b = ByteBuffer.allocateDirect(32768);
                long total = 0;
                while (total < (long) FRAME * FRAMES) {
                    b.clear();
                    int n = c.read(b);
                    if (n < 0) break;
                    total += n;
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        try (server; SocketChannel s = server.accept()) {
            ByteBuffer frame = ByteBuffer.allocateDirect(FRAME);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                ByteBuffer d = frame.duplicate();
                while (d.hasRemaining()) s.write(d);
            }
            long cpu1 = threads.getCurrentThreadCpuTime();
            reader.join();
            System.out.printf("%-4s writer %.2f ms of CPU a frame; whole transfer %.2f ms a frame (wall)%n", kind,
                    (cpu1 - cpu0) / 1e6 / FRAMES, (System.nanoTime() - t0) / 1e6 / FRAMES);
        }
    }
}
