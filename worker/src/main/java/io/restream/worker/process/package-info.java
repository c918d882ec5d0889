/**
 * Supervision of FFmpeg children: one {@link io.restream.worker.process.FfmpegProcess} per run,
 * with its state machine, progress parsed on its own thread, a stall watchdog, a polite stop then
 * a kill of the process and its descendants. Processes are started from argument lists, never
 * through a shell.
 */
package io.restream.worker.process;
