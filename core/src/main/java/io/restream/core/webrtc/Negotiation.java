package io.restream.core.webrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One peer connection's offer/answer steps as calls that wait for their result: webrtc-java reports
 * each step to an observer on its own signalling thread, and both of our peers (the worker's pulling
 * peer, the simulator's publishing peer) negotiate step by step on a thread of their own.
 *
 * <p>webrtc-java is an optional dependency of core: only modules that bring it (worker,
 * platform-sim) load this class.
 */
public final class Negotiation {
    private final RTCPeerConnection pc;
    private final long timeoutSeconds;

    /** @param timeoutSeconds how long each step may take before it fails with a timeout */
    public Negotiation(RTCPeerConnection pc, long timeoutSeconds) {
        this.pc = pc;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Creates an offer ({@code offer}) or the answer to the remote offer already set. */
    public RTCSessionDescription create(boolean offer) throws Exception {
        CompletableFuture<RTCSessionDescription> done = new CompletableFuture<>();
        CreateSessionDescriptionObserver o = new CreateSessionDescriptionObserver() {
            @Override public void onSuccess(RTCSessionDescription d) { done.complete(d); }

            @Override public void onFailure(String error) { done.completeExceptionally(new IllegalStateException(error)); }
        };
        if (offer) pc.createOffer(new RTCOfferOptions(), o); else pc.createAnswer(new RTCAnswerOptions(), o);
        return done.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    public void setLocal(RTCSessionDescription d) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pc.setLocalDescription(d, observer(done));
        done.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    public void setRemote(RTCSessionDescription d) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pc.setRemoteDescription(d, observer(done));
        done.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override public void onSuccess() { done.complete(null); }

            @Override public void onFailure(String error) { done.completeExceptionally(new IllegalStateException(error)); }
        };
    }
}
