package io.restream.core.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (platform tokens, stream keys) with AES-256-GCM. {@link #seal} binds the
 * ciphertext to the record it belongs to (its Redis key and field as associated data), so a
 * ciphertext copied into another record does not open: {@code v2:<base64(iv | ciphertext+tag)>}.
 * {@code v1:} values (no associated data) from before are still read by {@link #open}, and written
 * as {@code v2:} the next time their record is saved.
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final String PREFIX_BOUND = "v2:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretBox(byte[] key32) {
        if (key32.length != 32) throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        this.key = new SecretKeySpec(key32.clone(), "AES");
    }

    /** The key given as base64, or else the one in {@code file}, created (mode 600) when absent. */
    public static SecretBox fromConfig(String base64Key, Path file) {
        if (base64Key != null && !base64Key.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(base64Key.trim()));
        }
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try {
                    SecretFiles.create(file, Base64.getEncoder().encodeToString(fresh));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // Another process of this deployment created it first: use theirs.
                }
            }
            return new SecretBox(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key " + file, e);
        }
    }

    /** Seals {@code plaintext} for the record named {@code record} (e.g. its Redis key and field). */
    public String seal(String plaintext, String record) {
        return PREFIX_BOUND + Base64.getEncoder().encodeToString(gcm(plaintext, record.getBytes(StandardCharsets.UTF_8)));
    }

    /** Opens a value sealed for {@code record}; a legacy {@code v1:} value opens without it. */
    public String open(String boxed, String record) {
        if (boxed != null && boxed.startsWith(PREFIX_BOUND)) return ungcm(boxed.substring(PREFIX_BOUND.length()), record.getBytes(StandardCharsets.UTF_8));
        return decrypt(boxed);
    }

    /** True for a value written before records were bound ({@code v1:}): re-seal it when convenient. */
    public static boolean legacy(String boxed) {
        return boxed != null && boxed.startsWith(PREFIX);
    }

    private byte[] gcm(String plaintext, byte[] aad) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private String ungcm(String base64, byte[] aad) {
        try {
            byte[] all = Base64.getDecoder().decode(base64);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("decryption failed (wrong key, wrong record or tampered value)", e);
        }
    }

    /** A value not bound to any record; prefer {@link #seal}. */
    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String boxed) {
        if (boxed == null || !boxed.startsWith(PREFIX)) throw new IllegalArgumentException("not a sealed value");
        try {
            byte[] all = Base64.getDecoder().decode(boxed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered value)", e);
        }
    }

    static void trySetOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: nothing more we can do portably.
        }
    }
}
