/**
 * Recording ({@code recording: true}): the same encoded stream, from the hub, written as an HLS VOD
 * in {@code <data dir>/recordings/<jobId>/} ({@code index.m3u8}, segments beside it) with a
 * {@code recording.json} status the service reads.
 */
package io.restream.worker.recording;
