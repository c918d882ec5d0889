/**
 * Simulated WebRTC publishers behind a WHEP endpoint ({@link io.restream.sim.webrtc.WhepSim}) and a
 * simulated Cloudflare Realtime API ({@link io.restream.sim.webrtc.CallsSim}): real WebRTC peer
 * connections (webrtc-java) that send a moving test picture and a tone, VP8 + Opus.
 */
package io.restream.sim.webrtc;
