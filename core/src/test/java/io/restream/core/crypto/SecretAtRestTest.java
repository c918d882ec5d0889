package io.restream.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Secrets at rest (issue 11 item 8): ciphertexts bound to their record, secret files mode 600 from creation. */
class SecretAtRestTest {
    private static SecretBox box() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new SecretBox(k);
    }

    @Test
    void aCiphertextOpensOnlyForItsOwnRecord() {
        SecretBox box = box();
        String sealed = box.seal("{\"accessToken\":\"alice\"}", "rs:conn:{cli_a:alice}#twitch");
        assertTrue(sealed.startsWith("v2:"));
        assertEquals("{\"accessToken\":\"alice\"}", box.open(sealed, "rs:conn:{cli_a:alice}#twitch"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "rs:conn:{cli_a:mallory}#twitch"), "swapped into another user's record");
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "rs:conn:{cli_a:alice}#kick"), "swapped into another field");
    }

    @Test
    void legacyValuesStillOpen() {
        SecretBox box = box();
        String legacy = box.encrypt("old");
        assertTrue(SecretBox.legacy(legacy));
        assertEquals("old", box.open(legacy, "rs:conn:{c:u}#twitch"));
    }

    @Test
    void secretFilesAreOwnerOnlyFromCreation() throws Exception {
        Path dir = Files.createTempDirectory("secret-files");
        Path key = dir.resolve("sub/secrets.key");
        SecretBox.fromConfig(null, key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        Path token = dir.resolve("admin.token");
        SecretFiles.create(token, "adm_x");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("adm_x", Files.readString(token));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> SecretFiles.create(token, "other"));
        try (var listing = Files.list(dir)) {
            assertEquals(2, listing.count(), "no temporary file left behind");
        }
    }
}
