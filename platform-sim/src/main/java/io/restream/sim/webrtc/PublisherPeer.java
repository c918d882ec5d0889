package io.restream.sim.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import io.restream.core.webrtc.Negotiation;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated publisher as one receiver sees it: a real WebRTC peer connection that sends the
 * {@link TestPicture} (VP8, the stack's first choice) and its tone (Opus), and nothing else. The
 * audio device (one, shared) is the stack's dummy: a recording device (even the headless one) would feed its
 * own silence into the audio sender from another thread while we push the tone, and the native
 * stack aborts the process on two threads sending audio at once.
 *
 * <pre>
 *   NEW ──answer(offer) / offer()+accept(answer)──► SENDING ──close()──► CLOSED
 * </pre>
 */
final class PublisherPeer implements AutoCloseable {
    private static final long TIMEOUT_S = 10;
    private static final long FRAME_NANOS = 1_000_000_000L / 30;

    /**
     * One factory for every publisher, never disposed: disposing one broke the next peer's media in
     * webrtc-java 0.14, and with the dummy audio device there is no recording thread to share.
     */
    private static volatile PeerConnectionFactory shared;

    private final PeerConnectionFactory factory = factory();
    private final RTCPeerConnection pc = factory.createPeerConnection(new RTCConfiguration(), c -> { });
    private final Negotiation negotiation = new Negotiation(pc, TIMEOUT_S);
    private final CustomVideoSource video = new CustomVideoSource();
    private final CustomAudioSource audio = new CustomAudioSource();
    private final VideoTrack videoTrack = factory.createVideoTrack("video", video);
    private final AudioTrack audioTrack = factory.createAudioTrack("audio", audio);
    private final Thread pusher = new Thread(this::push, "sim-webrtc-publisher");
    private final java.util.function.BooleanSupplier paused;
    private volatile boolean closed;

    /** @param paused while true, nothing is sent (the publisher went away, as receivers see it) */
    PublisherPeer(java.util.function.BooleanSupplier paused) {
        this.paused = paused;
    }

    /** Answers a receiver's (WHEP) offer: its recvonly sections get our tracks. */
    String answer(String offer) throws Exception {
        // addTrack (not addTransceiver): only such transceivers are matched to the offer's sections (JSEP)
        for (String kind : kindsIn(offer)) pc.addTrack(kind.equals("audio") ? audioTrack : videoTrack, List.of("sim"));
        negotiation.setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offer));
        negotiation.setLocal(negotiation.create(false));
        String sdp = completeLocal();
        startSending();
        return sdp;
    }

    /** Offers the given kinds ({@code video}, {@code audio}) sendonly; returns the offer and each kind's mid. */
    Offer offer(List<String> kinds) throws Exception {
        List<RTCRtpTransceiver> added = new ArrayList<>();
        for (String kind : kinds) added.add(addTrack(kind, RTCRtpTransceiverDirection.SEND_ONLY));
        negotiation.setLocal(negotiation.create(true));
        String sdp = completeLocal();
        List<String> mids = added.stream().map(RTCRtpTransceiver::getMid).toList();
        return new Offer(sdp, mids);
    }

    /** The receiver's answer to {@link #offer}; media flows from here. */
    void accept(String answer) throws Exception {
        negotiation.setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, answer));
        startSending();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (pusher.isAlive()) pusher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pc.close();
    }

    private static PeerConnectionFactory factory() {
        if (shared == null) {
            synchronized (PublisherPeer.class) {
                if (shared == null) shared = new PeerConnectionFactory(new AudioDeviceModule(AudioLayer.kDummyAudio));
            }
        }
        return shared;
    }

    /** An offer and the mid of each track in it, in the order asked. */
    record Offer(String sdp, List<String> mids) {}

    private RTCRtpTransceiver addTrack(String kind, RTCRtpTransceiverDirection direction) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = direction;
        init.streamIds = List.of("sim");
        return pc.addTransceiver(kind.equals("audio") ? audioTrack : videoTrack, init);
    }

    /** The media kinds of an offer's m-lines, in order. */
    static List<String> kindsIn(String sdp) {
        List<String> kinds = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=video")) kinds.add("video");
            if (line.startsWith("m=audio")) kinds.add("audio");
        }
        return kinds;
    }

    private void startSending() {
        pusher.setDaemon(true);
        pusher.start();
    }

    private void push() {
        TestPicture picture = new TestPicture();
        long start = System.nanoTime();
        long frames = 0;
        long chunks = 0;
        while (!closed) {
            long now = System.nanoTime();
            if (paused.getAsBoolean()) {
                start = now - frames * FRAME_NANOS; // resume without a burst
                chunks = frames * FRAME_NANOS / 10_000_000L;
                LockSupport.parkNanos(10_000_000L);
                continue;
            }
            while (chunks * 10_000_000L <= now - start) {
                audio.pushAudio(picture.tone(), 16, TestPicture.SAMPLE_RATE, 2, TestPicture.FRAMES_PER_10MS);
                chunks++;
            }
            if (frames * FRAME_NANOS <= now - start) {
                NativeI420Buffer buffer = NativeI420Buffer.allocate(TestPicture.WIDTH, TestPicture.HEIGHT);
                picture.draw(frames, buffer.getDataY(), buffer.getStrideY(), buffer.getDataU(), buffer.getStrideU(),
                        buffer.getDataV(), buffer.getStrideV());
                VideoFrame frame = new VideoFrame(buffer, now);
                video.pushFrame(frame);
                frame.release();
                frames++;
            }
            LockSupport.parkNanos(3_000_000L);
        }
    }

    private String completeLocal() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pc.getIceGatheringState() != RTCIceGatheringState.COMPLETE && System.nanoTime() < end) {
            LockSupport.parkNanos(20_000_000L);
        }
        return pc.getLocalDescription().sdp;
    }

}
