import io.restream.core.media.FfmpegBinaries;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A benchmark destination (not part of the product): an RTMP endpoint on loopback that times what
 * a platform sees. It listens itself and, for every publisher, starts an FFmpeg {@code -listen}
 * that answers the RTMP commands and throws the media away, and copies the bytes in both
 * directions. On the way in it parses the RTMP chunk stream (publisher → platform), so that it
 * knows, per connection, when the first complete video frame arrived, whether that frame was a
 * key frame and whether the AVC and AAC sequence headers came before the first frames. With
 * {@code decode}, the FFmpeg also decodes the video to 160x90 RGB, and {@link #lastFrame()} is the
 * newest such frame (for "overlay change → on air").
 *
 * <p>The sink's own FFmpeg runs under the benchmark's JVM, never under the measured process tree.
 */
final class RtmpSink implements AutoCloseable {
    static final int THUMB_W = 160;
    static final int THUMB_H = 90;

    /** What one publisher connection looked like. Times are {@link System#nanoTime()}. */
    static final class Session {
        final long connectedAt = System.nanoTime();
        volatile long firstVideoAt;
        volatile long lastMediaAt;
        volatile boolean keyframeFirst;
        volatile boolean videoHeaderFirst;
        volatile boolean audioHeaderFirst = true;
        volatile long closedAt;
    }

    private final String key;
    private final boolean decode;
    private final ServerSocket server;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Process> listeners = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicReference<byte[]> lastFrame = new AtomicReference<>();

    RtmpSink(String key, boolean decode) throws IOException {
        this.key = key;
        this.decode = decode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "sink-" + key);
        t.setDaemon(true);
        t.start();
    }

    String appUrl() { return "rtmp://127.0.0.1:" + server.getLocalPort() + "/live"; }

    String url() { return appUrl() + "/" + key; }

    String key() { return key; }

    List<Session> sessions() { return List.copyOf(sessions); }

    int maxConcurrent() { return maxConcurrent.get(); }

    /** Forgets the peak of concurrent publishers (a new measurement begins). */
    void resetMaxConcurrent() { maxConcurrent.set(concurrent.get()); }

    /** The first video frame of the newest connection that started after {@code since}, or 0. */
    long firstVideoAfter(long since) {
        for (Session s : sessions) if (s.connectedAt >= since && s.firstVideoAt > 0) return s.firstVideoAt;
        return 0;
    }

    Session latest() { return sessions.isEmpty() ? null : sessions.get(sessions.size() - 1); }

    byte[] lastFrame() { return lastFrame.get(); }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
        for (Process p : listeners) p.destroyForcibly();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread h = new Thread(() -> serve(s), "sink-serve-" + key);
                h.setDaemon(true);
                h.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket publisher) {
        Session session = new Session();
        sessions.add(session);
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        Process ff = null;
        try (publisher) {
            int port = ClockStreams.freePort();
            List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-nostdin",
                    "-listen", "1", "-i", "rtmp://127.0.0.1:" + port + "/live/" + key));
            if (decode) {
                args.addAll(List.of("-an", "-vf", "scale=" + THUMB_W + ":" + THUMB_H, "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"));
            } else {
                args.addAll(List.of("-c", "copy", "-f", "null", "-"));
            }
            ff = FfmpegBinaries.processBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            listeners.add(ff);
            if (decode) readFrames(ff.getInputStream()); else ff.getInputStream().close();
            try (Socket up = ClockStreams.connectWithRetry(port)) {
                sockets.add(up);
                Thread back = ClockStreams.pump(up.getInputStream(), publisher.getOutputStream());
                parseAndCopy(publisher.getInputStream(), up.getOutputStream(), session);
                back.join(2000);
            }
        } catch (IOException | InterruptedException e) {
            // the publisher or the listener went away
        } finally {
            session.closedAt = System.nanoTime();
            concurrent.decrementAndGet();
            if (ff != null) ff.destroyForcibly();
        }
    }

    private void readFrames(InputStream in) {
        Thread t = new Thread(() -> {
            try (DataInputStream d = new DataInputStream(in)) {
                while (true) {
                    byte[] f = new byte[THUMB_W * THUMB_H * 3];
                    d.readFully(f);
                    lastFrame.set(f);
                }
            } catch (IOException e) {
                // done
            }
        }, "sink-frames-" + key);
        t.setDaemon(true);
        t.start();
    }

    /** Copies publisher → listener, parsing RTMP chunks on the way (handshake C0+C1+C2 first). */
    private static void parseAndCopy(InputStream rawIn, OutputStream out, Session s) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new Tee(rawIn, out), 1 << 16));
        in.skipNBytes(1 + 1536 + 1536);
        int chunkSize = 128;
        Map<Integer, int[]> headers = new HashMap<>(); // csid → {length, type, read, firstByte, secondByte, extTs}
        boolean sawVideoFrame = false;
        boolean sawAudioFrame = false;
        boolean sawVideoHeader = false;
        boolean sawAudioHeader = false;
        while (true) {
            int b = in.readUnsignedByte();
            int fmt = b >> 6;
            int csid = b & 0x3f;
            if (csid == 0) csid = 64 + in.readUnsignedByte();
            else if (csid == 1) csid = 64 + in.readUnsignedByte() + in.readUnsignedByte() * 256;
            int[] h = headers.computeIfAbsent(csid, k -> new int[6]);
            int ts = 0;
            if (fmt <= 2) ts = read24(in);
            if (fmt <= 1) {
                h[0] = read24(in);
                h[1] = in.readUnsignedByte();
                h[2] = 0;
            }
            if (fmt == 0) in.skipNBytes(4);
            if (fmt <= 2) h[5] = ts == 0xFFFFFF ? 1 : 0;
            if (h[5] == 1) in.skipNBytes(4);
            if (fmt == 3 && h[2] >= h[0]) h[2] = 0; // a new message with the previous header
            int n = Math.min(chunkSize, h[0] - h[2]);
            byte[] payload = new byte[n];
            in.readFully(payload);
            if (h[2] == 0 && n > 0) h[3] = payload[0] & 0xff;
            if (h[2] == 0 && n > 1) h[4] = payload[1] & 0xff;
            if (h[1] == 1 && h[2] == 0 && n >= 4) chunkSize = ((payload[0] & 0x7f) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
            h[2] += n;
            if (h[2] < h[0]) continue;
            // A whole message.
            if (h[1] == 9 && h[0] > 1) {
                boolean header = h[4] == 0;
                if (header) {
                    sawVideoHeader = true;
                } else if (!sawVideoFrame) {
                    sawVideoFrame = true;
                    s.keyframeFirst = (h[3] >> 4) == 1;
                    s.videoHeaderFirst = sawVideoHeader;
                    s.firstVideoAt = System.nanoTime();
                }
                if (!header) s.lastMediaAt = System.nanoTime();
            } else if (h[1] == 8 && h[0] > 1) {
                boolean aac = (h[3] >> 4) == 10;
                boolean header = aac && h[4] == 0;
                if (header) sawAudioHeader = true;
                else if (!sawAudioFrame) {
                    sawAudioFrame = true;
                    s.audioHeaderFirst = !aac || sawAudioHeader;
                }
            }
        }
    }

    private static int read24(DataInputStream in) throws IOException {
        return (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
    }

    /** An input stream that writes everything it reads to {@code out} at once. */
    private static final class Tee extends InputStream {
        private final InputStream in;
        private final OutputStream out;

        Tee(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override public int read() throws IOException {
            int b = in.read();
            if (b >= 0) out.write(b);
            return b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                out.write(buf, off, n);
                out.flush();
            }
            return n;
        }
    }
}
