package io.restream.worker.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What one {@link FfmpegProcess} run is: immutable, built with {@link #builder}.
 *
 * @param name for log lines (job and destination id; no secrets)
 * @param args FFmpeg's arguments (no shell)
 * @param stallTimeout no progress for this long kills the run; {@link Duration#ZERO} turns the watchdog off
 * @param onProgress FFmpeg's progress blocks (may be null)
 * @param redactor applied to every FFmpeg log line before it is logged or kept
 * @param statsAreProgress whether a change in FFmpeg's muxed bytes or output time counts as
 *     progress; false when only the owner knows (it calls {@link FfmpegProcess#markProgress()})
 */
public record ProcessSpec(String name, List<String> args, Duration stallTimeout, Consumer<Progress> onProgress,
                          UnaryOperator<String> redactor, boolean statsAreProgress) {
    public ProcessSpec {
        Objects.requireNonNull(name);
        args = List.copyOf(args);
        Objects.requireNonNull(stallTimeout);
        Objects.requireNonNull(redactor);
    }

    public static Builder builder(String name, List<String> args) { return new Builder(name, args); }

    /** Defaults: no watchdog, no progress listener, {@link LogRedactor#redact}, stats count as progress. */
    public static final class Builder {
        private final String name;
        private final List<String> args;
        private Duration stallTimeout = Duration.ZERO;
        private Consumer<Progress> onProgress;
        private UnaryOperator<String> redactor = LogRedactor::redact;
        private boolean statsAreProgress = true;

        private Builder(String name, List<String> args) {
            this.name = name;
            this.args = args;
        }

        public Builder stallTimeout(Duration d) { this.stallTimeout = d; return this; }

        public Builder onProgress(Consumer<Progress> c) { this.onProgress = c; return this; }

        public Builder redactor(UnaryOperator<String> r) { this.redactor = r; return this; }

        public Builder statsAreProgress(boolean b) { this.statsAreProgress = b; return this; }

        public ProcessSpec build() { return new ProcessSpec(name, args, stallTimeout, onProgress, redactor, statsAreProgress); }
    }
}
