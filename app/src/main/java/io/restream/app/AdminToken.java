package io.restream.app;

import io.restream.core.crypto.Secret;
import io.restream.core.crypto.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The operator credential: {@code RESTREAM_ADMIN_TOKEN}, or one generated at the first start and
 * kept in {@code <data dir>/admin.token} (mode 600).
 *
 * @param generatedNow true only the first time, when the launcher prints it
 */
record AdminToken(Secret value, boolean generatedNow) {
    static AdminToken resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) return new AdminToken(Secret.of(configured.get()), false);
        Path file = dataDir.resolve("admin.token");
        try {
            if (Files.exists(file)) return new AdminToken(Secret.of(Files.readString(file).trim()), false);
            String token = "adm_" + Tokens.random(40);
            io.restream.core.crypto.SecretFiles.create(file, token); // mode 600 from the first byte
            return new AdminToken(Secret.of(token), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
