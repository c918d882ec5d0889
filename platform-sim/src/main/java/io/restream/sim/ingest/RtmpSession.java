package io.restream.sim.ingest;

import io.restream.core.rtmp.Amf0;
import io.restream.core.rtmp.ChunkStream;
import io.restream.core.rtmp.RtmpMessage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher connection, on its own thread:
 *
 * <pre>
 *  handshake (C0/C1 → S0/S1/S2 → C2)
 *    → connect          → Window Ack Size, Set Peer Bandwidth, Set Chunk Size, _result
 *    → releaseStream / FCPublish / createStream → _result (stream 1)
 *    → publish(key)     → onStatus NetStream.Publish.Start   (or Publish.BadName: key already live)
 *    → audio / video / @setDataFrame … counted into the {@link IngestStream}
 *    → deleteStream / FCUnpublish / EOF → ended
 * </pre>
 *
 * Sends acknowledgements when the publisher announced a window. The stream key is never logged.
 */
final class RtmpSession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RtmpSession.class);
    private static final int HANDSHAKE = 1536;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final boolean tls;
    private final Ingests ingests;
    private ChunkStream chunks;
    private String app = "";
    private IngestStream stream;
    private long ackWindow;
    private long lastAck;

    RtmpSession(Socket socket, boolean tls, Ingests ingests) {
        this.socket = socket;
        this.tls = tls;
        this.ingests = ingests;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
            handshake(in, out);
            chunks = new ChunkStream(in, out);
            while (true) {
                RtmpMessage m = chunks.read();
                handle(m);
                acknowledge();
            }
        } catch (EOFException | SocketException e) {
            // the publisher went away, or the simulator dropped it
        } catch (IOException | RuntimeException e) {
            log.info("ingest session ended ({}): {}", tls ? "rtmps" : "rtmp", e.toString());
        } finally {
            if (stream != null) ingests.closed(stream);
        }
    }

    private void handshake(DataInputStream in, OutputStream out) throws IOException {
        int version = in.readUnsignedByte();
        if (version != 3) throw new IOException("RTMP version " + version + " (encrypted RTMP is not supported)");
        byte[] c1 = new byte[HANDSHAKE];
        in.readFully(c1);
        byte[] s1 = new byte[HANDSHAKE];
        RANDOM.nextBytes(s1);
        for (int i = 0; i < 8; i++) s1[i] = 0; // time 0 and a zero version: the simple handshake
        out.write(3);
        out.write(s1);
        out.write(c1);
        out.flush();
        in.readFully(new byte[HANDSHAKE]);
    }

    private void handle(RtmpMessage m) throws IOException {
        switch (m.type()) {
            case RtmpMessage.SET_CHUNK_SIZE -> chunks.inChunkSize(ChunkStream.readInt(m.payload(), 0) & 0x7FFFFFFF);
            case RtmpMessage.WINDOW_ACK_SIZE -> ackWindow = ChunkStream.readInt(m.payload(), 0) & 0xFFFFFFFFL;
            case RtmpMessage.COMMAND_AMF0 -> command(Amf0.decodeAll(m.payload(), 0), m.streamId());
            case RtmpMessage.COMMAND_AMF3 -> command(Amf0.decodeAll(m.payload(), 1), m.streamId());
            case RtmpMessage.DATA_AMF0 -> data(Amf0.decodeAll(m.payload(), 0));
            case RtmpMessage.VIDEO -> { if (stream != null) stream.video(m.timestamp(), m.payload()); }
            case RtmpMessage.AUDIO -> { if (stream != null) stream.audio(m.payload()); }
            default -> { /* acks, user control, bandwidth: nothing to answer */ }
        }
    }

    @SuppressWarnings("unchecked")
    private void command(List<Object> args, int streamId) throws IOException {
        if (args.isEmpty() || !(args.get(0) instanceof String name)) return;
        double txn = args.size() > 1 && args.get(1) instanceof Number n ? n.doubleValue() : 0;
        switch (name) {
            case "connect" -> {
                if (args.size() > 2 && args.get(2) instanceof Map<?, ?> obj && obj.get("app") instanceof String a) app = a;
                chunks.write(2, RtmpMessage.WINDOW_ACK_SIZE, 0, 0, ChunkStream.int32(2_500_000));
                chunks.write(2, RtmpMessage.SET_PEER_BANDWIDTH, 0, 0, new byte[] {0, 0x26, 0x25, (byte) 0xA0, 2});
                chunks.outChunkSize(4096);
                chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", txn,
                        Map.of("fmsVer", "FMS/3,5,7,7009", "capabilities", 31.0),
                        Map.of("level", "status", "code", "NetConnection.Connect.Success",
                                "description", "Connection succeeded.", "objectEncoding", 0.0)));
            }
            case "createStream" -> chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", txn, null, 1.0));
            case "releaseStream", "FCPublish" -> chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", txn, null, Amf0.UNDEFINED));
            case "publish" -> publish(args.size() > 3 && args.get(3) instanceof String k ? k : "", streamId);
            case "deleteStream", "FCUnpublish", "closeStream" -> {
                if (stream != null) {
                    ingests.closed(stream);
                    stream = null;
                }
            }
            default -> { /* other calls need no answer here */ }
        }
    }

    private void publish(String rawKey, int streamId) throws IOException {
        String key = rawKey.contains("?") ? rawKey.substring(0, rawKey.indexOf('?')) : rawKey;
        IngestStream s = key.isEmpty() || stream != null ? null : ingests.open(app, key, tls, socket);
        if (s == null) {
            chunks.write(5, RtmpMessage.COMMAND_AMF0, streamId, 0, Amf0.encode("onStatus", 0.0, null,
                    Map.of("level", "error", "code", "NetStream.Publish.BadName", "description", "Stream key refused or already publishing")));
            throw new EOFException("publish refused");
        }
        stream = s;
        chunks.write(2, RtmpMessage.USER_CONTROL, 0, 0, new byte[] {0, 0, 0, 0, 0, (byte) streamId});
        chunks.write(5, RtmpMessage.COMMAND_AMF0, streamId, 0, Amf0.encode("onStatus", 0.0, null,
                Map.of("level", "status", "code", "NetStream.Publish.Start", "description", "Publishing started.")));
        log.info("ingest {} publishing on {} ({})", s.platform(), app, tls ? "rtmps" : "rtmp");
    }

    @SuppressWarnings("unchecked")
    private void data(List<Object> values) {
        if (stream == null) return;
        for (Object v : values) {
            if (v instanceof Map<?, ?> meta) stream.metadata((Map<String, Object>) meta);
        }
    }

    private void acknowledge() throws IOException {
        long read = chunks.bytesRead();
        if (ackWindow > 0 && read - lastAck >= ackWindow / 2) {
            lastAck = read;
            chunks.write(2, RtmpMessage.ACK, 0, 0, ChunkStream.int32((int) read));
        }
    }
}
