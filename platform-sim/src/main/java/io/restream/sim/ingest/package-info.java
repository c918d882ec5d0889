/**
 * The simulated ingest: a small RTMP server (handshake, chunk stream, AMF0 commands) on a plain and
 * a TLS port, many stream keys at once, inspecting what arrives (codecs, picture size from the SPS,
 * frames, key frames) and decoding snapshots with the bundled FFmpeg.
 */
package io.restream.sim.ingest;
