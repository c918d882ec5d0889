package io.restream.worker.destinations;

import io.restream.core.rtmp.Amf0;
import io.restream.core.rtmp.ChunkStream;
import io.restream.core.rtmp.RtmpMessage;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * One RTMP(S) publish, in Java: what a pusher FFmpeg per destination used to do (take the hub's
 * FLV tags and send them as RTMP messages), without a process per destination. Each destination
 * still has its own socket, thread and queue, so one platform's trouble stays its own.
 *
 * <pre>
 *   open(): TCP (TLS for rtmps) ─► handshake (C0 C1 / S0 S1 S2 / C2) ─► connect ─► _result
 *           ─► releaseStream, FCPublish, createStream ─► _result(stream id) ─► publish ─► onStatus
 *           NetStream.Publish.Start: PUBLISHING   (an _error or another onStatus code: {@link Refused})
 *   write(tags)* while PUBLISHING; a reader thread answers pings and notices the platform leaving
 *   close(): FCUnpublish, deleteStream, half-close, the platform closes: the key is free on return
 * </pre>
 *
 * Where it publishes is read from the URL by {@link RtmpUrl}.
 */
public final class RtmpPublisher implements AutoCloseable {
    private static final int HANDSHAKE = 1536;
    private static final int OUT_CHUNK_SIZE = 4096;
    private static final int CSID_COMMAND = 3;
    private static final int CSID_AUDIO = 4;
    private static final int CSID_VIDEO = 6;
    private static final int CSID_DATA = 8;
    private static final long CLOSE_WAIT_MS = 2000;
    private static final byte[] SET_DATA_FRAME = Amf0.encode("@setDataFrame");

    /** The platform answered the publish with an error (key refused, already publishing …). */
    public static final class Refused extends IOException {
        public Refused(String message) { super(message); }
    }

    private final Socket socket = new Socket();
    private final RtmpUrl to;
    private volatile Socket stream = socket;
    private volatile ChunkStream chunks;
    private volatile int streamId;
    private volatile boolean closed;
    private volatile String endReason;
    private volatile Thread reader;
    private long bytesOut;

    /** Reads the URL; nothing is connected yet. */
    public RtmpPublisher(String url) throws IOException {
        this.to = RtmpUrl.parse(url);
    }

    /** Connects and publishes; returns once the platform accepted the publish. {@link #close()} aborts it. */
    public void open(Duration timeout) throws IOException {
        int ms = (int) Math.max(1, timeout.toMillis());
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(to.host(), to.port()), ms);
            socket.setSoTimeout(ms);
            if (to.tls()) {
                SSLSocket ssl = (SSLSocket) UnverifiedTls.factory().createSocket(socket, to.host(), to.port(), true);
                stream = ssl;
                ssl.startHandshake();
            }
            if (closed) throw new IOException("closed");
            chunks = new ChunkStream(stream.getInputStream(), new BufferedOutputStream(stream.getOutputStream(), 64 * 1024));
            handshake();
            publish();
            stream.setSoTimeout(0);
            startReader();
        } catch (IOException | RuntimeException e) {
            closeSocket();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Sends FLV tags as they come from the hub (11-byte header, body, previous-tag size; the FLV file
     * header is skipped), in order, with one flush at the end: one socket write for a video frame and
     * the audio before it, instead of one per tag. Blocks while the platform does not take the bytes.
     */
    public void write(List<byte[]> wires) throws IOException {
        for (byte[] wire : wires) send(wire);
        chunks.flush();
    }

    /** One FLV tag as an RTMP message, into the output buffer. */
    private void send(byte[] wire) throws IOException {
        if (closed) throw new IOException(endReason == null ? "closed" : endReason);
        if (wire.length < 15 || wire[0] == 'F') return; // the FLV file header
        int type = wire[0];
        int size = ((wire[1] & 0xff) << 16) | ((wire[2] & 0xff) << 8) | (wire[3] & 0xff);
        long ts = (((wire[7] & 0xffL) << 24) | ((wire[4] & 0xffL) << 16) | ((wire[5] & 0xffL) << 8) | (wire[6] & 0xffL));
        switch (type) {
            case RtmpMessage.AUDIO -> chunks.send(CSID_AUDIO, RtmpMessage.AUDIO, streamId, ts, wire, 11, size);
            case RtmpMessage.VIDEO -> chunks.send(CSID_VIDEO, RtmpMessage.VIDEO, streamId, ts, wire, 11, size);
            case RtmpMessage.DATA_AMF0 -> {
                byte[] data = new byte[SET_DATA_FRAME.length + size];
                System.arraycopy(SET_DATA_FRAME, 0, data, 0, SET_DATA_FRAME.length);
                System.arraycopy(wire, 11, data, SET_DATA_FRAME.length, size);
                chunks.send(CSID_DATA, RtmpMessage.DATA_AMF0, streamId, ts, data, 0, data.length);
            }
            default -> { return; }
        }
        bytesOut += size;
    }

    /** Media bytes sent so far (tag bodies). */
    public long bytesOut() { return bytesOut; }

    /** Why the platform's side ended, or null while it has not. */
    public String endReason() { return endReason; }

    /**
     * Unpublishes (FCUnpublish, deleteStream), half-closes, and waits (up to 2 s) for the platform to
     * close its side: a platform closes after it has handled what came before, so when this returns
     * it has let go of the stream key and a new publish on it is not refused as "already publishing".
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (chunks == null || streamId == 0) throw new IOException("not publishing");
            chunks.write(CSID_COMMAND, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("FCUnpublish", 6.0, null, to.name()));
            chunks.write(CSID_COMMAND, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("deleteStream", 7.0, null, (double) streamId));
            stream.shutdownOutput(); // TLS: close_notify, then the half-close
            Thread r = reader;
            if (r != null) r.join(CLOSE_WAIT_MS);
        } catch (IOException | RuntimeException ignored) {
            // the platform is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocket();
    }

    private void handshake() throws IOException {
        OutputStream out = stream.getOutputStream();
        DataInputStream in = new DataInputStream(stream.getInputStream());
        byte[] c0c1 = new byte[1 + HANDSHAKE];
        new SecureRandom().nextBytes(c0c1);
        c0c1[0] = 3;
        for (int i = 1; i < 9; i++) c0c1[i] = 0; // time and zero fields
        out.write(c0c1);
        out.flush();
        if (in.readUnsignedByte() != 3) throw new IOException("not an RTMP server (handshake version)");
        byte[] s1 = new byte[HANDSHAKE];
        in.readFully(s1);
        in.skipNBytes(HANDSHAKE); // S2
        out.write(s1); // C2 echoes S1
        out.flush();
    }

    private void publish() throws IOException {
        chunks.outChunkSize(OUT_CHUNK_SIZE);
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", to.app());
        connect.put("type", "nonprivate");
        connect.put("flashVer", "FMLE/3.0 (compatible; Restream)");
        connect.put("tcUrl", to.tcUrl());
        command(Amf0.encode("connect", 1.0, connect));
        awaitResult(1.0, "connect");
        command(Amf0.encode("releaseStream", 2.0, null, to.name()));
        command(Amf0.encode("FCPublish", 3.0, null, to.name()));
        command(Amf0.encode("createStream", 4.0, null));
        List<Object> created = awaitResult(4.0, "createStream");
        streamId = created.size() > 3 && created.get(3) instanceof Double d ? d.intValue() : 1;
        chunks.write(CSID_DATA, RtmpMessage.COMMAND_AMF0, streamId, 0, Amf0.encode("publish", 5.0, null, to.name(), "live"));
        while (true) {
            List<Object> status = nextCommand();
            if (!"onStatus".equals(status.get(0))) continue;
            String code = info(status, "code");
            if ("NetStream.Publish.Start".equals(code)) return;
            throw new Refused("publish refused: " + code + " " + info(status, "description"));
        }
    }

    private void command(byte[] payload) throws IOException {
        chunks.write(CSID_COMMAND, RtmpMessage.COMMAND_AMF0, 0, 0, payload);
    }

    /** Reads until the answer to transaction {@code txn}; an {@code _error} is a refusal. */
    private List<Object> awaitResult(double txn, String what) throws IOException {
        while (true) {
            List<Object> c = nextCommand();
            if (c.size() < 2 || !(c.get(1) instanceof Double t) || t != txn) {
                if ("onStatus".equals(c.get(0)) && String.valueOf(info(c, "level")).equals("error")) {
                    throw new Refused(what + " refused: " + info(c, "code") + " " + info(c, "description"));
                }
                continue;
            }
            if ("_error".equals(c.get(0))) throw new Refused(what + " refused: " + info(c, "code") + " " + info(c, "description"));
            return c;
        }
    }

    /** The next AMF0 command, handling protocol control messages on the way. */
    private List<Object> nextCommand() throws IOException {
        while (true) {
            RtmpMessage m = chunks.read();
            if (control(m)) continue;
            if (m.type() == RtmpMessage.COMMAND_AMF0) return Amf0.decodeAll(m.payload(), 0);
            if (m.type() == RtmpMessage.COMMAND_AMF3 && m.payload().length > 1) return Amf0.decodeAll(m.payload(), 1);
        }
    }

    /** Chunk size changes and pings; true when handled. */
    private boolean control(RtmpMessage m) throws IOException {
        if (m.type() == RtmpMessage.SET_CHUNK_SIZE) {
            chunks.inChunkSize(ChunkStream.readInt(m.payload(), 0) & 0x7FFFFFFF);
            return true;
        }
        if (m.type() == RtmpMessage.USER_CONTROL && m.payload().length >= 6 && m.payload()[1] == 6) {
            byte[] pong = m.payload().clone();
            pong[1] = 7; // PingResponse with the request's timestamp
            chunks.write(2, RtmpMessage.USER_CONTROL, 0, 0, pong);
            return true;
        }
        return m.type() != RtmpMessage.COMMAND_AMF0 && m.type() != RtmpMessage.COMMAND_AMF3;
    }

    private static String info(List<Object> command, String key) {
        for (Object o : command) if (o instanceof Map<?, ?> m && m.containsKey(key)) return String.valueOf(m.get(key));
        return null;
    }

    /** Answers pings and watches for the platform closing or unpublishing us while we publish. */
    private void startReader() {
        Thread t = new Thread(() -> {
            try {
                while (true) { // until the platform closes (after close(): its answer to our half-close)
                    RtmpMessage m = chunks.read();
                    if (control(m)) continue;
                    List<Object> c = m.type() == RtmpMessage.COMMAND_AMF0 ? decodeQuietly(m.payload()) : List.of();
                    if (!c.isEmpty() && "onStatus".equals(c.get(0)) && "error".equals(info(c, "level"))) {
                        endReason = "the platform ended the publish: " + info(c, "code");
                        closeSocket();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    endReason = "the platform closed the connection";
                    closeSocket();
                }
            }
        }, "rtmp-reader");
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private static List<Object> decodeQuietly(byte[] payload) {
        try { // an AMF0 type we do not read is not ours to act on
            return Amf0.decodeAll(payload, 0);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void closeSocket() {
        try {
            stream.close();
            socket.close();
        } catch (IOException ignored) {
            // closed
        }
    }
}
