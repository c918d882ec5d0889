package io.restream.sim.ingest;

import java.io.ByteArrayOutputStream;

/**
 * Picture size from an FLV AVC sequence header (AVCDecoderConfigurationRecord → first SPS),
 * parsing the SPS fields up to the frame cropping (ITU-T H.264 §7.3.2.1.1).
 */
final class AvcConfig {
    record Size(int width, int height) {}

    private AvcConfig() {}

    /** @param record the AVCDecoderConfigurationRecord (the video tag body after its 5-byte header) */
    static Size size(byte[] record, int offset) {
        if (record.length < offset + 8 || record[offset] != 1) return null;
        int numSps = record[offset + 5] & 0x1f;
        if (numSps < 1) return null;
        int len = ((record[offset + 6] & 0xff) << 8) | (record[offset + 7] & 0xff);
        if (record.length < offset + 8 + len || len < 4) return null;
        byte[] rbsp = unescape(record, offset + 8 + 1, len - 1); // skip the NAL header byte
        try {
            return parseSps(new Bits(rbsp));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Size parseSps(Bits b) {
        int profile = b.u(8);
        b.u(8);
        b.u(8);
        b.ue();
        int chroma = 1;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139 || profile == 134 || profile == 135) {
            chroma = b.ue();
            if (chroma == 3) b.u(1);
            b.ue();
            b.ue();
            b.u(1);
            if (b.u(1) == 1) {
                for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
                    if (b.u(1) == 1) skipScalingList(b, i < 6 ? 16 : 64);
                }
            }
        }
        b.ue();
        int pocType = b.ue();
        if (pocType == 0) {
            b.ue();
        } else if (pocType == 1) {
            b.u(1);
            b.se();
            b.se();
            int n = b.ue();
            for (int i = 0; i < n; i++) b.se();
        }
        b.ue();
        b.u(1);
        int wMbs = b.ue() + 1;
        int hMapUnits = b.ue() + 1;
        int frameMbsOnly = b.u(1);
        if (frameMbsOnly == 0) b.u(1);
        b.u(1);
        int left = 0, right = 0, top = 0, bottom = 0;
        if (b.u(1) == 1) {
            left = b.ue();
            right = b.ue();
            top = b.ue();
            bottom = b.ue();
        }
        int cropX = chroma == 0 || chroma == 3 ? 1 : 2;
        int cropY = (chroma == 1 ? 2 : 1) * (2 - frameMbsOnly);
        return new Size(wMbs * 16 - (left + right) * cropX, (2 - frameMbsOnly) * hMapUnits * 16 - (top + bottom) * cropY);
    }

    private static void skipScalingList(Bits b, int size) {
        int last = 8, next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) next = (last + b.se() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }

    /** Removes emulation prevention bytes ({@code 00 00 03} → {@code 00 00}). */
    private static byte[] unescape(byte[] b, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xff;
            if (zeros >= 2 && v == 3) {
                zeros = 0;
                continue;
            }
            out.write(v);
            zeros = v == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** An exp-Golomb bit reader. */
    private static final class Bits {
        private final byte[] data;
        private int pos;

        Bits(byte[] data) { this.data = data; }

        int u(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                if (pos >= data.length * 8) throw new IllegalStateException("SPS too short");
                v = (v << 1) | ((data[pos >> 3] >> (7 - (pos & 7))) & 1);
                pos++;
            }
            return v;
        }

        int ue() {
            int zeros = 0;
            while (u(1) == 0) {
                if (++zeros > 31) throw new IllegalStateException("bad exp-Golomb code");
            }
            return (1 << zeros) - 1 + (zeros == 0 ? 0 : u(zeros));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
