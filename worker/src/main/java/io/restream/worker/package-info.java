/**
 * The worker role: {@link io.restream.worker.WorkerRole} is what the launcher starts, configured
 * by {@link io.restream.worker.WorkerConfig}. Jobs are claimed and driven in {@code jobs}; the
 * media pipeline lives in {@code source}, {@code encode}, {@code fanout}, {@code destinations},
 * {@code overlay} and {@code recording}; FFmpeg supervision in {@code process}.
 */
package io.restream.worker;
