package io.restream.worker.source;

import io.restream.core.net.Redact;
import java.util.List;

/**
 * A resolved source.
 *
 * @param demo a generated test source (no probing needed: H.264 never, always re-encoded)
 * @param url the pull URL, or the lavfi graph for a demo source
 * @param inputArgs the FFmpeg arguments that open it, ending with {@code -i <url>}
 * @param audioInputArgs when the audio comes as an input of its own (a WebRTC source's PCM), the
 *     arguments that open it; empty when the audio is in input 0
 * @param webrtc a WebRTC source still to be opened (its input arguments come from the opening), or null
 */
public record SourceSpec(boolean demo, String url, List<String> inputArgs, List<String> audioInputArgs, WebRtcTarget webrtc) {
    public SourceSpec {
        inputArgs = List.copyOf(inputArgs);
        audioInputArgs = List.copyOf(audioInputArgs);
    }

    public SourceSpec(boolean demo, String url, List<String> inputArgs) {
        this(demo, url, inputArgs, List.of(), null);
    }

    /** Whether the audio is an input of its own (see {@link #audioInputArgs}). */
    public boolean separateAudio() { return !audioInputArgs.isEmpty(); }

    /** The URL without credentials or keys, for log lines. */
    public String redacted() { return demo ? "demo" : Redact.url(url); }

    @Override
    public String toString() { return "SourceSpec[" + redacted() + "]"; }
}
