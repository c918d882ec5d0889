package io.restream.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a chosen port to {@code <data dir>/<name>} (so scripts can find a port picked with 0). */
final class PortFile {
    private PortFile() {}

    static void write(Path dataDir, String name, int port) {
        try {
            Path tmp = dataDir.resolve(name + ".tmp");
            Files.writeString(tmp, Integer.toString(port));
            Files.move(tmp, dataDir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }
}
