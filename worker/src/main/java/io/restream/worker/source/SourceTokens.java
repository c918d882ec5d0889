package io.restream.worker.source;

import java.util.Optional;

/**
 * The operator's credentials for WebRTC sources; {@link #toString} never shows them.
 *
 * @param whepBearer {@code RESTREAM_SOURCE_BEARER_TOKEN}: {@code Authorization: Bearer} for WHEP
 * @param callsApp {@code RESTREAM_CALLS_APP_TOKEN}: {@code Authorization: Bearer} for the Cloudflare Realtime API
 */
public record SourceTokens(Optional<String> whepBearer, Optional<String> callsApp) {
    @Override
    public String toString() {
        return "SourceTokens[whepBearer=" + (whepBearer.isPresent() ? "set" : "unset") + ", callsApp=" + (callsApp.isPresent() ? "set" : "unset") + "]";
    }
}
