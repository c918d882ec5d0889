package io.restream.core.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0Test {
    @Test
    void commandsRoundTrip() {
        byte[] bytes = Amf0.encode("_result", 1.0, Map.of("fmsVer", "FMS/3", "capabilities", 31.0), null, true, Amf0.UNDEFINED);
        List<Object> values = Amf0.decodeAll(bytes, 0);
        assertEquals("_result", values.get(0));
        assertEquals(1.0, values.get(1));
        assertEquals(Map.of("fmsVer", "FMS/3", "capabilities", 31.0), values.get(2));
        assertNull(values.get(3));
        assertEquals(true, values.get(4));
        assertSame(Amf0.UNDEFINED, values.get(5));
    }

    @Test
    void ecmaArraysAndStrictArraysDecode() {
        // onMetaData as FFmpeg writes it: an ECMA array with a count, then properties and the end marker.
        byte[] ecma = {8, 0, 0, 0, 1, 0, 5, 'w', 'i', 'd', 't', 'h', 0, 0x40, (byte) 0x94, 0, 0, 0, 0, 0, 0, 0, 0, 9};
        assertEquals(Map.of("width", 1280.0), Amf0.decodeAll(ecma, 0).get(0));
        byte[] strict = {10, 0, 0, 0, 2, 2, 0, 1, 'a', 5};
        assertEquals(java.util.Arrays.asList("a", null), Amf0.decodeAll(strict, 0).get(0));
    }
}
