import io.restream.core.media.FfmpegBinaries;
import io.restream.core.rtmp.Amf0;
import io.restream.core.rtmp.ChunkStream;
import io.restream.core.rtmp.RtmpMessage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A benchmark destination (not part of the product): an RTMP endpoint on loopback that times what
 * a platform sees. It answers RTMP itself (core's chunk stream and AMF0, as the platform simulator
 * does, so a connection costs no process start, as at a real ingest) and knows, per connection,
 * when the first complete video frame arrived, whether that frame was a key frame and whether the
 * AVC and AAC sequence headers came before the first frames; a publisher counts until it
 * unpublishes or disconnects. With {@code decode}, an FFmpeg decodes the video to 160x90 RGB, and
 * {@link #lastFrame()} is the newest such frame (for "overlay change → on air").
 *
 * <p>The sink runs in the benchmark's JVM, never under the measured process tree.
 */
final class RtmpSink implements AutoCloseable {
    static final int THUMB_W = 160;
    static final int THUMB_H = 90;

    /** What one publisher connection looked like. Times are {@link System#nanoTime()}. */
    static final class Session {
        final long connectedAt = System.nanoTime();
        volatile long firstVideoAt;
        volatile long lastMediaAt;
        volatile long videoFrames;
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

    /** Video frames received so far, over all connections. */
    long videoFrames() { return sessions.stream().mapToLong(x -> x.videoFrames).sum(); }

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
        boolean counted = true;
        Process decoder = null;
        try (publisher) {
            publisher.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(publisher.getInputStream(), 1 << 16));
            OutputStream out = new java.io.BufferedOutputStream(publisher.getOutputStream(), 8192);
            handshake(in, out);
            ChunkStream chunks = new ChunkStream(in, out);
            OutputStream flv = null;
            if (decode) {
                decoder = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin",
                        "-fflags", "nobuffer", "-probesize", "32768", "-analyzeduration", "0", "-f", "flv", "-i", "pipe:0",
                        "-an", "-vf", "scale=" + THUMB_W + ":" + THUMB_H, "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                listeners.add(decoder);
                readFrames(decoder.getInputStream());
                flv = new java.io.BufferedOutputStream(decoder.getOutputStream(), 1 << 16);
                flv.write(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
            }
            boolean sawVideoFrame = false;
            boolean sawAudioFrame = false;
            boolean sawVideoHeader = false;
            boolean sawAudioHeader = false;
            while (true) {
                RtmpMessage m;
                try {
                    m = chunks.read();
                } catch (IOException e) {
                    break;
                }
                byte[] p = m.payload();
                switch (m.type()) {
                    case RtmpMessage.SET_CHUNK_SIZE -> chunks.inChunkSize(ChunkStream.readInt(p, 0) & 0x7FFFFFFF);
                    case RtmpMessage.COMMAND_AMF0 -> {
                        if (command(chunks, Amf0.decodeAll(p, 0))) {
                            concurrent.decrementAndGet(); // unpublished: the key is free
                            counted = false;
                        }
                    }
                    case RtmpMessage.VIDEO -> {
                        if (p.length < 2) break;
                        boolean header = p[1] == 0;
                        if (header) {
                            sawVideoHeader = true;
                        } else {
                            if (!sawVideoFrame) {
                                sawVideoFrame = true;
                                session.keyframeFirst = ((p[0] & 0xff) >> 4) == 1;
                                session.videoHeaderFirst = sawVideoHeader;
                                session.firstVideoAt = System.nanoTime();
                            }
                            session.lastMediaAt = System.nanoTime();
                            session.videoFrames++;
                        }
                    }
                    case RtmpMessage.AUDIO -> {
                        if (p.length < 2) break;
                        boolean aac = ((p[0] & 0xff) >> 4) == 10;
                        if (aac && p[1] == 0) sawAudioHeader = true;
                        else if (!sawAudioFrame) {
                            sawAudioFrame = true;
                            session.audioHeaderFirst = !aac || sawAudioHeader;
                        }
                    }
                    default -> { }
                }
                if (flv != null && (m.type() == RtmpMessage.VIDEO || m.type() == RtmpMessage.AUDIO)) {
                    try {
                        flv.write(new io.restream.worker.fanout.FlvTag(m.type(), (int) m.timestamp(), p).encode());
                        flv.flush();
                    } catch (IOException e) {
                        flv = null; // the decoder went away; timing goes on
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the publisher went away
        } finally {
            session.closedAt = System.nanoTime();
            if (counted) concurrent.decrementAndGet();
            if (decoder != null) decoder.destroyForcibly();
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

    /** The simple handshake, as the platform simulator does it: S1 with a zero version, S2 echoing C1. */
    private static void handshake(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != 3) throw new IOException("not RTMP");
        byte[] c1 = new byte[1536];
        in.readFully(c1);
        out.write(3);
        out.write(new byte[1536]);
        out.write(c1);
        out.flush();
        in.readFully(new byte[1536]);
    }

    /** Answers the publisher's commands like an ingest; true when it unpublished. */
    private static boolean command(ChunkStream chunks, List<Object> c) throws IOException {
        if (c.isEmpty() || !(c.get(0) instanceof String name)) return false;
        Object txn = c.size() > 1 ? c.get(1) : 0.0;
        switch (name) {
            case "connect" -> {
                chunks.write(2, RtmpMessage.WINDOW_ACK_SIZE, 0, 0, ChunkStream.int32(2_500_000));
                chunks.write(2, RtmpMessage.SET_PEER_BANDWIDTH, 0, 0, new byte[] {0, 0x26, 0x25, (byte) 0xA0, 2});
                chunks.outChunkSize(4096);
                chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", txn, Map.of("fmsVer", "FMS/3,5,7,7009", "capabilities", 31.0),
                        Map.of("level", "status", "code", "NetConnection.Connect.Success", "description", "ok", "objectEncoding", 0.0)));
            }
            case "createStream" -> chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", txn, null, 1.0));
            case "releaseStream", "FCPublish" -> chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", txn, null, Amf0.UNDEFINED));
            case "publish" -> {
                chunks.write(2, RtmpMessage.USER_CONTROL, 0, 0, new byte[] {0, 0, 0, 0, 0, 1});
                chunks.write(5, RtmpMessage.COMMAND_AMF0, 1, 0, Amf0.encode("onStatus", 0.0, null,
                        Map.of("level", "status", "code", "NetStream.Publish.Start", "description", "ok")));
            }
            case "deleteStream", "FCUnpublish" -> { return true; }
            default -> { }
        }
        return false;
    }

}
