package io.restream.worker.encode;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What an {@link Encoder} runs and how it treats a lost source.
 *
 * @param name for log lines (the job id; no secrets)
 * @param command the encoder's FFmpeg arguments
 * @param stallTimeout no video for this long counts as the source lost
 * @param grace how long a lost source may stay gone (on standby) before the job ends
 * @param audioRate the source's audio sample rate when its AAC is copied (0: 48 kHz)
 * @param workDir where the standby picture is kept
 */
public record EncoderSpec(String name, EncoderCommand command, Duration stallTimeout, Duration grace, int audioRate, Path workDir) {}
