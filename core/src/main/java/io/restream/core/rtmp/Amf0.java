package io.restream.core.rtmp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0, as far as RTMP commands and {@code onMetaData} need it: numbers, booleans, strings,
 * objects, ECMA and strict arrays, null/undefined, dates. Objects decode to {@link Map}s.
 */
public final class Amf0 {
    /** AMF0's undefined, distinct from null. */
    public static final Object UNDEFINED = new Object();

    private Amf0() {}

    public static List<Object> decodeAll(byte[] data, int offset) {
        ByteBuffer b = ByteBuffer.wrap(data, offset, data.length - offset);
        List<Object> out = new ArrayList<>();
        while (b.hasRemaining()) out.add(decode(b));
        return out;
    }

    public static Object decode(ByteBuffer b) {
        int type = b.get() & 0xff;
        return switch (type) {
            case 0 -> b.getDouble();
            case 1 -> b.get() != 0;
            case 2 -> shortString(b);
            case 3 -> properties(b, new LinkedHashMap<>());
            case 5 -> null;
            case 6 -> UNDEFINED;
            case 8 -> { b.getInt(); yield properties(b, new LinkedHashMap<>()); }
            case 10 -> {
                int n = b.getInt();
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) list.add(decode(b));
                yield list;
            }
            case 11 -> { double ms = b.getDouble(); b.getShort(); yield ms; }
            case 12 -> { byte[] s = new byte[b.getInt()]; b.get(s); yield new String(s, StandardCharsets.UTF_8); }
            default -> throw new IllegalArgumentException("AMF0 type " + type + " not supported");
        };
    }

    private static Map<String, Object> properties(ByteBuffer b, Map<String, Object> into) {
        while (true) {
            String key = shortString(b);
            if (key.isEmpty() && b.get(b.position()) == 9) {
                b.get();
                return into;
            }
            into.put(key, decode(b));
        }
    }

    private static String shortString(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xffff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    public static byte[] encode(Object... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object v : values) write(out, v);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void write(ByteArrayOutputStream out, Object v) {
        if (v == null) {
            out.write(5);
        } else if (v instanceof Number n) {
            out.write(0);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(n.doubleValue()).array());
        } else if (v instanceof Boolean bool) {
            out.write(1);
            out.write(bool ? 1 : 0);
        } else if (v instanceof String s) {
            out.write(2);
            writeShortString(out, s);
        } else if (v instanceof Map<?, ?> m) {
            out.write(3);
            ((Map<String, Object>) m).forEach((k, val) -> {
                writeShortString(out, k);
                write(out, val);
            });
            out.write(0);
            out.write(0);
            out.write(9);
        } else {
            out.write(6);
        }
    }

    private static void writeShortString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
