package io.restream.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogIdsTest {
    @Test
    void comparesTimeThenSequenceAsNumbersNotText() {
        assertTrue(LogIds.compare("1700000000000-0", "1700000000001-0") < 0);
        assertTrue(LogIds.compare("1700000000001-0", "1700000000000-9") > 0);
        assertTrue(LogIds.compare("1700000000000-10", "1700000000000-9") > 0, "10 after 9, unlike text order");
        assertTrue(LogIds.compare("99-0", "100-0") < 0, "shorter time first, unlike text order");
        assertEquals(0, LogIds.compare("1700000000000-3", "1700000000000-3"));
    }

    @Test
    void comparesTheWholeUnsignedRangeOfRedisStreamIds() {
        String max = Long.toUnsignedString(-1L) + "-" + Long.toUnsignedString(-1L);
        assertTrue(LogIds.compare(max, "9223372036854775807-0") > 0);
        assertTrue(LogIds.compare("0-0", max) < 0);
    }

    @Test
    void parseAcceptsOnlyStreamIds() {
        assertEquals(Optional.of("5-1"), LogIds.parse(" 5-1 "));
        assertEquals(Optional.empty(), LogIds.parse("5"));
        assertEquals(Optional.empty(), LogIds.parse("a-1"));
    }
}
