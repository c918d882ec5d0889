package io.restream.worker.source;

import io.restream.core.net.Redact;
import java.util.List;

/**
 * A resolved source.
 *
 * @param demo a generated test source (no probing needed: H.264 never, always re-encoded)
 * @param url the pull URL, or the lavfi graph for a demo source
 * @param inputArgs the FFmpeg arguments that open it, ending with {@code -i <url>}
 */
public record SourceSpec(boolean demo, String url, List<String> inputArgs) {
    public SourceSpec {
        inputArgs = List.copyOf(inputArgs);
    }

    /** The URL without credentials or keys, for log lines. */
    public String redacted() { return demo ? "demo" : Redact.url(url); }

    @Override
    public String toString() { return "SourceSpec[" + redacted() + "]"; }
}
