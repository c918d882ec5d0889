package io.restream.worker.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@code publisherSessionId} into FFmpeg input arguments: the operator's template
 * ({@code rtmp://origin/live/{id}}, {@code srt://origin:9000?streamid=read:{id}},
 * {@code https://origin/{id}/index.m3u8}, {@code rtsp://…}; WebRTC: {@code whep+https://origin/{id}/whep} and
 * {@code calls+https://rtc.live.cloudflare.com/v1/apps/<appId>}, opened later by
 * {@link io.restream.worker.source.webrtc.WebRtcSource}), or in sandbox mode, for ids starting
 * with {@code demo-}, a generated live source: a moving test pattern with a burned-in wall clock and
 * stream time, and a 440 Hz tone.
 */
public final class SourceResolver {
    private static final Set<String> SCHEMES = Set.of("rtmp", "rtmps", "srt", "http", "https", "rtsp", "rtsps", "whep+http", "whep+https");
    private static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    private static final long IO_TIMEOUT_US = 10_000_000;

    private final Optional<String> template;
    private final boolean sandbox;
    private final int demoWidth;
    private final int demoHeight;
    private final int fps;
    private final String bearerToken;
    private final String callsToken;

    public SourceResolver(Optional<String> template, boolean sandbox, int demoWidth, int demoHeight, int fps) {
        this(template, sandbox, demoWidth, demoHeight, fps, Optional.empty(), Optional.empty());
    }

    /**
     * @param bearerToken {@code RESTREAM_SOURCE_BEARER_TOKEN}, for WHEP
     * @param callsToken {@code RESTREAM_CALLS_APP_TOKEN}, for the Cloudflare Realtime API
     */
    public SourceResolver(Optional<String> template, boolean sandbox, int demoWidth, int demoHeight, int fps,
                          Optional<String> bearerToken, Optional<String> callsToken) {
        this.bearerToken = bearerToken.orElse(null);
        this.callsToken = callsToken.orElse(null);
        this.template = template;
        this.sandbox = sandbox;
        this.demoWidth = demoWidth;
        this.demoHeight = demoHeight;
        this.fps = fps;
    }

    /** Whether a template is usable; returns the problem, or empty. */
    public static Optional<String> validateTemplate(String template) {
        String lower = template.toLowerCase(Locale.ROOT);
        if (lower.startsWith("calls+")) {
            if (!lower.startsWith("calls+https://") && !lower.startsWith("calls+http://")) {
                return Optional.of("a Cloudflare Realtime template must be calls+https://…/v1/apps/<appId> (calls+http:// for development)");
            }
            if (template.contains("{id}")) return Optional.of("a Cloudflare Realtime template names the app, not the session: no {id}");
            return Optional.empty();
        }
        if (lower.startsWith("whep+") && !lower.startsWith("whep+http://") && !lower.startsWith("whep+https://")) {
            return Optional.of("a WHEP template must be whep+https://…{id}… (whep+http:// for development)");
        }
        if (!template.contains("{id}")) return Optional.of("must contain {id}");
        int colon = template.indexOf("://");
        String scheme = colon < 0 ? "" : template.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) return Optional.of("scheme must be one of " + String.join(", ", SCHEMES.stream().sorted().toList()));
        return Optional.empty();
    }

    public SourceSpec resolve(String publisherSessionId) throws SourceException {
        if (sandbox && publisherSessionId.startsWith("demo-")) return demo();
        if (template.isEmpty()) {
            throw new SourceException("source_unavailable", "no source URL template is configured (RESTREAM_SOURCE_URL_TEMPLATE)");
        }
        String t = template.get();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("whep+")) {
            String url = t.substring("whep+".length()).replace("{id}", publisherSessionId);
            return new SourceSpec(false, url, List.of(), List.of(), new WebRtcTarget(WebRtcTarget.Kind.WHEP, url, publisherSessionId, bearerToken));
        }
        if (lower.startsWith("calls+")) {
            String base = t.substring("calls+".length()).replaceAll("/+$", "");
            return new SourceSpec(false, base, List.of(), List.of(), new WebRtcTarget(WebRtcTarget.Kind.CALLS, base, publisherSessionId, callsToken));
        }
        String url = t.replace("{id}", publisherSessionId);
        String scheme = url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
        List<String> args = new ArrayList<>();
        switch (scheme) {
            case "rtsp", "rtsps" -> args.addAll(List.of("-rtsp_transport", "tcp", "-timeout", Long.toString(IO_TIMEOUT_US)));
            case "srt" -> { /* SRT's own latency and timeouts apply; options go in the URL */ }
            default -> args.addAll(List.of("-rw_timeout", Long.toString(IO_TIMEOUT_US)));
        }
        // Short analysis, no frame-rate estimate: both streams' parameters come with the first key
        // frame and audio packets; the 2 s FFmpeg took before cost ~1 s of goLive per open (probe,
        // then encoder). The encoder sets its own frame rate; copy keeps the source's timestamps.
        args.addAll(List.of("-analyzeduration", "1000000", "-fpsprobesize", "0", "-i", url));
        return new SourceSpec(false, url, args);
    }

    private SourceSpec demo() {
        String clock = "drawtext=fontfile=" + FONT
                + ":text='%{localtime\\:%H\\\\\\:%M\\\\\\:%S}  %{pts\\:hms}'"
                + ":fontsize=" + Math.max(16, demoHeight / 14) + ":fontcolor=white:box=1:boxcolor=black@0.6"
                + ":x=(w-tw)/2:y=(h-th)/2";
        String graph = "testsrc2=size=" + demoWidth + "x" + demoHeight + ":rate=" + fps + "," + clock + "[out0];"
                + "sine=frequency=440:sample_rate=48000[out1]";
        return new SourceSpec(true, graph, List.of("-re", "-f", "lavfi", "-i", graph));
    }
}
