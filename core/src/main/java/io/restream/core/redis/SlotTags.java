package io.restream.core.redis;

import io.lettuce.core.cluster.SlotHash;

/**
 * Short hash tags, one per Redis Cluster slot: {@code forSlot(s)} is a {@link #LENGTH}-character
 * base62 string whose CRC16 lands on slot {@code s}. A job id carries the tag of its user's slot,
 * so the job's keys live beside the user's without the id having to spell out the user.
 * The table is the same in every process (a fixed search order), though nothing relies on that:
 * readers take the tag from the id.
 */
final class SlotTags {
    static final int LENGTH = 4;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private SlotTags() {}

    /** The cluster slot of {@code key} (honouring a {@code {tag}}). */
    static int slot(String key) {
        return SlotHash.getSlot(key);
    }

    static String forSlot(int slot) {
        return Table.TAGS[slot];
    }

    private static final class Table {
        static final String[] TAGS = build();

        private static String[] build() {
            String[] tags = new String[SlotHash.SLOT_COUNT];
            int missing = tags.length;
            char[] c = new char[LENGTH];
            // About 170,000 candidates cover all 16,384 slots; 62^4 leaves ample room.
            for (int i = 0; missing > 0; i++) {
                int n = i;
                for (int k = LENGTH - 1; k >= 0; k--) {
                    c[k] = ALPHABET[n % ALPHABET.length];
                    n /= ALPHABET.length;
                }
                String tag = new String(c);
                int s = SlotHash.getSlot(tag);
                if (tags[s] == null) {
                    tags[s] = tag;
                    missing--;
                }
            }
            return tags;
        }
    }
}
