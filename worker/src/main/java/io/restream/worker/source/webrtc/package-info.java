/**
 * WebRTC sources: a WHEP endpoint or a Cloudflare Realtime (Calls) session, pulled by a helper
 * process ({@link io.restream.worker.source.webrtc.WebRtcPullMain}) so that the native WebRTC stack
 * can crash without taking the worker down. The worker signals ({@link
 * io.restream.worker.source.webrtc.WhepSignalling}, {@link io.restream.worker.source.webrtc.CallsSignalling});
 * the helper decodes and serves raw video and PCM to the encoder over loopback
 * ({@link io.restream.worker.source.webrtc.RawMediaServer}).
 */
package io.restream.worker.source.webrtc;
