package io.restream.worker.source.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import io.restream.core.webrtc.Negotiation;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The receiving peer connection of the helper process ({@link WebRtcPullMain}): a recvonly offer
 * (WHEP) or an answer to a server's offer (Cloudflare Realtime), always complete with every
 * candidate (no trickle), and the decoded media handed to {@link RawMediaServer}. Jitter buffer,
 * NACK and PLI are the stack's. A headless audio device plays the remote audio out, which is what
 * makes the stack decode it and call the audio sink; it never records (nothing is sent).
 */
final class PullPeer implements AutoCloseable {
    private static final long SDP_TIMEOUT_S = 10;
    private static final long GATHER_TIMEOUT_MS = 5000;

    private final HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(adm);
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final RawMediaServer media;
    private final java.util.function.Consumer<String> events;
    private final RTCPeerConnection pc;
    private final Negotiation negotiation;

    /** @param events JSON lines for the worker (connection state changes, for its log) */
    PullPeer(RawMediaServer media, java.util.function.Consumer<String> events) {
        this.media = media;
        this.events = events;
        this.pc = factory.createPeerConnection(new RTCConfiguration(), new Observer());
        this.negotiation = new Negotiation(pc, SDP_TIMEOUT_S);
    }

    /** A recvonly offer for video, and for audio when asked, with its candidates. */
    String offer(boolean audio) throws Exception {
        RTCRtpTransceiverInit video = new RTCRtpTransceiverInit();
        video.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        // The API adds transceivers by track; a recvonly transceiver never sends this placeholder.
        pc.addTransceiver(factory.createVideoTrack("recv-video", new CustomVideoSource()), video);
        if (audio) {
            RTCRtpTransceiverInit a = new RTCRtpTransceiverInit();
            a.direction = RTCRtpTransceiverDirection.RECV_ONLY;
            pc.addTransceiver(factory.createAudioTrack("recv-audio", new CustomAudioSource()), a);
        }
        negotiation.setLocal(negotiation.create(true));
        return completeLocal();
    }

    /** The remote answer to {@link #offer}. */
    void answer(String sdp) throws Exception {
        negotiation.setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, sdp));
        adm.stopRecording();
    }

    /** Answers a server's offer (its sendonly sections become our recvonly ones). */
    String answerOffer(String sdp) throws Exception {
        negotiation.setRemote(new RTCSessionDescription(RTCSdpType.OFFER, sdp));
        negotiation.setLocal(negotiation.create(false));
        String local = completeLocal();
        adm.stopRecording();
        return local;
    }

    @Override
    public void close() {
        try {
            pc.close();
        } finally {
            factory.dispose();
        }
    }

    private String completeLocal() throws Exception {
        if (pc.getIceGatheringState() != RTCIceGatheringState.COMPLETE) {
            try {
                gathered.get(GATHER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // go with the candidates gathered so far: host candidates come first
            }
        }
        return pc.getLocalDescription().sdp;
    }

    private final class Observer implements PeerConnectionObserver {
        @Override public void onIceCandidate(RTCIceCandidate candidate) { /* gathered into the local description */ }

        @Override public void onConnectionChange(dev.onvoid.webrtc.RTCPeerConnectionState state) {
            events.accept("{\"ev\":\"state\",\"state\":\"" + state + "\"}");
        }

        @Override public void onIceGatheringChange(RTCIceGatheringState state) {
            if (state == RTCIceGatheringState.COMPLETE) gathered.complete(null);
        }

        @Override public void onTrack(RTCRtpTransceiver transceiver) {
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (track instanceof VideoTrack v) v.addSink(media::video);
            if (track instanceof AudioTrack a) a.addSink(media::audio);
        }
    }
}
