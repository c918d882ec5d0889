package io.restream.core.rtmp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The RTMP chunk stream: reassembles messages from chunks (header formats 0–3, extended
 * timestamps, the peer's chunk size) and writes messages as chunks. Not thread-safe: one reader
 * thread; writes are synchronized. Used by both ends: the platform simulator's ingest and the
 * worker's RTMP publisher.
 */
public final class ChunkStream {
    /** Per chunk stream id: the last header, and the message being reassembled. */
    private static final class ChunkState {
        long timestamp;
        long delta;
        int length;
        int type;
        int streamId;
        boolean extended;
        byte[] buffer;
        int filled;
    }

    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Integer, ChunkState> states = new HashMap<>();
    private int inChunkSize = 128;
    private int outChunkSize = 128;
    private long bytesRead;

    public ChunkStream(InputStream in, OutputStream out) {
        this.in = new DataInputStream(new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) bytesRead += n;
                return n;
            }

            @Override
            public int read() throws IOException {
                int n = super.read();
                if (n >= 0) bytesRead++;
                return n;
            }
        });
        this.out = out;
    }

    public long bytesRead() { return bytesRead; }

    public void inChunkSize(int size) {
        if (size < 1 || size > 0x7FFFFFFF) throw new IllegalArgumentException("chunk size " + size);
        this.inChunkSize = size;
    }

    /** The next complete message; throws {@link EOFException} when the peer closed. */
    public RtmpMessage read() throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int fmt = b0 >> 6;
            int csid = b0 & 0x3f;
            if (csid == 0) csid = 64 + in.readUnsignedByte();
            else if (csid == 1) csid = 64 + in.readUnsignedByte() + in.readUnsignedByte() * 256;
            ChunkState st = states.computeIfAbsent(csid, k -> new ChunkState());
            boolean starting = st.buffer == null;
            switch (fmt) {
                case 0 -> {
                    long ts = read24();
                    st.length = (int) read24();
                    st.type = in.readUnsignedByte();
                    st.streamId = Integer.reverseBytes(in.readInt());
                    st.extended = ts == 0xFFFFFF;
                    if (st.extended) ts = in.readInt() & 0xFFFFFFFFL;
                    st.timestamp = ts;
                    st.delta = ts;
                }
                case 1, 2 -> {
                    long delta = read24();
                    if (fmt == 1) {
                        st.length = (int) read24();
                        st.type = in.readUnsignedByte();
                    }
                    st.extended = delta == 0xFFFFFF;
                    if (st.extended) delta = in.readInt() & 0xFFFFFFFFL;
                    st.delta = delta;
                    if (starting) st.timestamp += delta;
                }
                default -> {
                    if (st.extended) in.readInt();
                    if (starting) st.timestamp += st.delta;
                }
            }
            if (starting) {
                if (st.length < 0 || st.length > 16 * 1024 * 1024) throw new IOException("message of " + st.length + " bytes");
                st.buffer = new byte[st.length];
                st.filled = 0;
            }
            int n = Math.min(inChunkSize, st.length - st.filled);
            in.readFully(st.buffer, st.filled, n);
            st.filled += n;
            if (st.filled == st.length) {
                RtmpMessage m = new RtmpMessage(st.type, st.streamId, st.timestamp, st.buffer);
                st.buffer = null;
                if (m.type() == RtmpMessage.ABORT && m.payload().length >= 4) {
                    ChunkState aborted = states.get(readInt(m.payload(), 0));
                    if (aborted != null) aborted.buffer = null;
                    continue;
                }
                return m;
            }
        }
    }

    public synchronized void write(int csid, int type, int streamId, long timestamp, byte[] payload) throws IOException {
        write(csid, type, streamId, timestamp, payload, 0, payload.length);
    }

    /**
     * One message as chunks of the current out chunk size, with a full (type 0) header; a timestamp
     * of 0xFFFFFF or more goes in the extended field, repeated in every continuation chunk.
     */
    public synchronized void write(int csid, int type, int streamId, long timestamp, byte[] payload, int offset, int length)
            throws IOException {
        send(csid, type, streamId, timestamp, payload, offset, length);
        out.flush();
    }

    /**
     * Like {@link #write(int, int, int, long, byte[], int, int)} but leaves the bytes in the output
     * stream's buffer: a sender with several messages at hand sends them with one {@link #flush()}.
     * Every message goes into the buffer whole, so another thread's write in between (a ping's
     * answer) only sends the buffered messages sooner.
     */
    public synchronized void send(int csid, int type, int streamId, long timestamp, byte[] payload, int offset, int length)
            throws IOException {
        boolean extended = timestamp >= 0xFFFFFF;
        byte[] header = new byte[extended ? 16 : 12];
        header[0] = (byte) (csid & 0x3f);
        put24(header, 1, extended ? 0xFFFFFF : timestamp);
        put24(header, 4, length);
        header[7] = (byte) type;
        header[8] = (byte) streamId;
        header[9] = (byte) (streamId >> 8);
        header[10] = (byte) (streamId >> 16);
        header[11] = (byte) (streamId >> 24);
        if (extended) System.arraycopy(int32((int) timestamp), 0, header, 12, 4);
        out.write(header);
        for (int off = 0; off < length; off += outChunkSize) {
            if (off > 0) {
                out.write(0xC0 | (csid & 0x3f));
                if (extended) out.write(header, 12, 4);
            }
            out.write(payload, offset + off, Math.min(outChunkSize, length - off));
        }
    }

    /** Sends what {@link #send} left in the buffer. */
    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Tells the peer our chunk size and uses it from now on. */
    public synchronized void outChunkSize(int size) throws IOException {
        write(2, RtmpMessage.SET_CHUNK_SIZE, 0, 0, int32(size));
        outChunkSize = size;
    }

    private long read24() throws IOException {
        return ((long) in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
    }

    private static void put24(byte[] b, int off, long v) {
        b[off] = (byte) (v >> 16);
        b[off + 1] = (byte) (v >> 8);
        b[off + 2] = (byte) v;
    }

    public static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static byte[] int32(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
}
