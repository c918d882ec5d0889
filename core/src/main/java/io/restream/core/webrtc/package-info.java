/** WebRTC helpers shared by the worker's WebRTC source and the simulator's WebRTC publishers. */
package io.restream.core.webrtc;
