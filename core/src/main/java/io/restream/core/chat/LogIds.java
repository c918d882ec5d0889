package io.restream.core.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/** Chat log ids are Redis stream ids, {@code <ms>-<seq>}; these compare and validate them. */
public final class LogIds {
    private static final Pattern ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    private LogIds() {}

    /** The id when it is a well-formed log id, else empty (a client sent something else). */
    public static Optional<String> parse(String raw) {
        if (raw == null) return Optional.empty();
        String s = raw.trim();
        return ID.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    /**
     * Negative, zero or positive as {@code a} is before, equal to or after {@code b}. Parses in
     * place: every SSE stream calls this for every comment it writes, so no substrings.
     */
    public static int compare(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int c = Long.compareUnsigned(Long.parseUnsignedLong(a, 0, da, 10), Long.parseUnsignedLong(b, 0, db, 10));
        if (c != 0) return c;
        return Long.compareUnsigned(Long.parseUnsignedLong(a, da + 1, a.length(), 10), Long.parseUnsignedLong(b, db + 1, b.length(), 10));
    }
}
