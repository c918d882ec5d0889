package io.restream.worker.testing;

import java.util.List;

/** The worker's FFmpeg children as the OS sees them (test receivers, which listen, excluded). */
public final class Processes {
    private Processes() {}

    public static List<ProcessHandle> workerFfmpegs() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> !List.of(a).contains("-listen")).orElse(true))
                .filter(p -> p.info().arguments().map(a -> !List.of(a).contains("rgb24")).orElse(true))
                .toList();
    }
}
