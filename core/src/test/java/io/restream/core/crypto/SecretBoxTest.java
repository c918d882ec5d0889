package io.restream.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    @Test
    void roundTripsAndNeverRepeatsCiphertext() throws Exception {
        Path file = Files.createTempDirectory("box").resolve("secrets.key");
        SecretBox box = SecretBox.fromConfig(null, file);
        String a = box.encrypt("live_123_secret");
        String b = box.encrypt("live_123_secret");
        assertNotEquals(a, b, "a fresh IV each time");
        assertFalse(a.contains("live_123_secret"));
        assertEquals("live_123_secret", box.decrypt(a));
        assertEquals("live_123_secret", SecretBox.fromConfig(null, file).decrypt(b), "the generated key is kept");
    }

    @Test
    void refusesTamperingAndOtherKeys() throws Exception {
        SecretBox box = SecretBox.fromConfig(null, Files.createTempDirectory("box").resolve("k"));
        String sealed = box.encrypt("token");
        char[] c = sealed.toCharArray();
        c[10] = c[10] == 'A' ? 'B' : 'A';
        assertThrows(IllegalStateException.class, () -> box.decrypt(new String(c)));
        SecretBox other = SecretBox.fromConfig(null, Files.createTempDirectory("box").resolve("k"));
        assertThrows(IllegalStateException.class, () -> other.decrypt(sealed));
    }

    @Test
    void secretsHideThemselves() {
        assertEquals("[redacted]", Secret.of("sk_live_abc").toString());
    }
}
