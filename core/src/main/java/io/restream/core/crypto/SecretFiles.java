package io.restream.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes secret files (the secrets key, the admin token, the embedded Redis password) readable by
 * the owner only <em>from the moment they exist</em>: the file is created with mode 600 and then
 * moved into place, so there is no window in which another user can open it.
 */
public final class SecretFiles {
    private SecretFiles() {}

    /** Creates {@code file} with {@code content}, mode 600; fails ({@code FileAlreadyExistsException}) if it exists. */
    public static void create(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + Tokens.random(8) + ".tmp");
        try {
            Files.createFile(tmp, ownerOnly());
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file); // no REPLACE_EXISTING: an existing file is never overwritten
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!posix) return new FileAttribute<?>[0];
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-------");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
    }
}
