/**
 * The job's one encoder: {@link io.restream.worker.encode.EncoderCommand} builds its argument list
 * (encode with the overlay as a second input, or copy), {@link io.restream.worker.encode.OverlayFeeder}
 * writes the overlay's frames (yuva420p, {@link io.restream.worker.encode.Yuva420}) to the run's
 * loopback socket ({@link io.restream.worker.encode.OverlayInput}) and switches the blend on and off
 * with FFmpeg commands on its stdin, and {@link io.restream.worker.encode.Encoder} supervises it:
 * open within the deadline, restart after a source drop, give up after the grace.
 */
package io.restream.worker.encode;
