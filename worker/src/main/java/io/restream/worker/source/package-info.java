/**
 * Where a job's media comes from: {@link io.restream.worker.source.SourceResolver} turns a
 * {@code publisherSessionId} into FFmpeg input arguments (the operator's URL template, or in
 * sandbox mode a generated demo source), and {@link io.restream.worker.source.SourceProbe} checks
 * that it opens and what it carries.
 */
package io.restream.worker.source;
