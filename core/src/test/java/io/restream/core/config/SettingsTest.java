package io.restream.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = Files.createTempFile("restream", ".properties");
        Files.writeString(file, "RESTREAM_DATA_DIR=/from/file\nRESTREAM_SIM_PORT=9000\n");
        Settings s = Settings.layered(Map.of("RESTREAM_CONFIG_FILE", file.toString(), "RESTREAM_SIM_PORT", "9100"));
        assertEquals("/from/file", s.get("RESTREAM_DATA_DIR", "x"));
        assertEquals("9100", s.get("RESTREAM_SIM_PORT", "x"));
    }

    @Test
    void sandboxFollowsPlatformCredentialsUnlessSet() {
        Problems p = new Problems();
        assertTrue(CoreConfig.from(Settings.of(Map.of()), p).sandbox());
        CoreConfig prod = CoreConfig.from(Settings.of(Map.of("RESTREAM_TWITCH_CLIENT_ID", "abc")), p);
        assertFalse(prod.sandbox());
        assertFalse(prod.allowPrivateUrls(), "private URLs follow sandbox");
        assertTrue(CoreConfig.from(Settings.of(Map.of("RESTREAM_TWITCH_CLIENT_ID", "abc", "RESTREAM_SANDBOX", "true")), p).sandbox());
        p.throwIfAny();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Problems p = new Problems();
        Settings s = Settings.of(Map.of("RESTREAM_SANDBOX", "maybe", "PORT", "http", "LIMIT", "-5"));
        s.flag("RESTREAM_SANDBOX", true, p);
        s.number("PORT", 1, 0, 65535, p);
        s.number("LIMIT", 1, 1, 10, p);
        IllegalStateException e = assertThrows(IllegalStateException.class, p::throwIfAny);
        assertTrue(e.getMessage().contains("RESTREAM_SANDBOX") && e.getMessage().contains("PORT") && e.getMessage().contains("LIMIT"), e.getMessage());
    }
}
