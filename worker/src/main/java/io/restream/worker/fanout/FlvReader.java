package io.restream.worker.fanout;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads FLV tags from a stream (the encoder's stdout). Not thread-safe: one reader thread. */
public final class FlvReader {
    private static final int MAX_TAG_BYTES = 16 * 1024 * 1024;

    private final DataInputStream in;
    private boolean headerRead;

    public FlvReader(InputStream in) {
        // A buffer that holds a whole video tag (3 Mbit/s at 30 fps: ≈12 KB, key frames more): one
        // read of the pipe per tag or fewer, where the process stream's own 8 KB buffer took two or
        // more (each one a syscall on the encoder's output path).
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
    }

    /** The next tag, or null at the end of the stream. */
    public FlvTag next() throws IOException {
        try {
            if (!headerRead) {
                byte[] sig = new byte[9];
                in.readFully(sig);
                if (sig[0] != 'F' || sig[1] != 'L' || sig[2] != 'V') throw new IOException("not an FLV stream");
                int offset = ((sig[5] & 0xff) << 24) | ((sig[6] & 0xff) << 16) | ((sig[7] & 0xff) << 8) | (sig[8] & 0xff);
                in.skipNBytes(Math.max(0, offset - 9) + 4L);
                headerRead = true;
            }
            int type = in.readUnsignedByte();
            int size = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int ts = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            ts |= in.readUnsignedByte() << 24;
            in.skipNBytes(3); // stream id, always 0
            if (size > MAX_TAG_BYTES) throw new IOException("FLV tag of " + size + " bytes");
            byte[] data = new byte[size];
            in.readFully(data);
            in.skipNBytes(4);
            return new FlvTag(type & 0x1f, ts, data);
        } catch (EOFException e) {
            return null;
        }
    }
}
