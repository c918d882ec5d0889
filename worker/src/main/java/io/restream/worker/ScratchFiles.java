package io.restream.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The worker's scratch directories (a job's standby GOP, a browser's profile): removed whole, quietly. */
public final class ScratchFiles {
    private ScratchFiles() {}

    /**
     * Deletes {@code dir} and everything under it, deepest first. Best effort: a scratch directory
     * that is already gone, or a file that cannot go, must not fail the job that is ending.
     */
    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // nothing there, or already gone
        }
    }
}
