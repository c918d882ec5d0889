package io.restream.worker;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.worker.source.SourceResolver;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's configuration, from {@link Settings} (environment over an optional file). Every
 * problem is reported to {@link Problems} at once.
 *
 * @param workerId {@code RESTREAM_WORKER_ID}; empty = host name plus a random suffix
 * @param sourceUrlTemplate {@code RESTREAM_SOURCE_URL_TEMPLATE}, e.g. {@code rtmp://origin/live/{id}}
 * @param sourceOpenTimeoutMs {@code RESTREAM_SOURCE_OPEN_TIMEOUT_MS} (10000): a source that does not
 *     open in time fails the job with {@code source_unavailable}
 * @param sourceGraceMs {@code RESTREAM_SOURCE_GRACE_MS} (30000): how long a dropped source is retried
 *     before the job is {@code ended}
 * @param sourceStallMs {@code RESTREAM_SOURCE_STALL_MS} (8000): no video for this long is a drop
 * @param leaseMs {@code RESTREAM_WORKER_LEASE_MS} (7000): a job's lease; a dead worker's jobs are taken
 *     over after it expires and one more heartbeat (and a lease must outlast a Redis Cluster failover
 *     less one heartbeat, or a failover hands the job to another worker)
 * @param heartbeatMs {@code RESTREAM_WORKER_HEARTBEAT_MS} (2000): lease renewal, registry heartbeat and
 *     orphan scan period
 * @param pollMs {@code RESTREAM_WORKER_POLL_MS} (250): how often a job's hash is read while the job
 *     starts (until a destination is live), waits for the job it supersedes, or stops
 * @param steadyPollMs {@code RESTREAM_WORKER_STEADY_POLL_MS} (2000, never below {@code pollMs}): how
 *     often a running job's hash is read. Stop, supersede, overlay and destination changes arrive
 *     at once as job events (pub/sub); this poll only catches one that was lost
 * @param maxHeight {@code RESTREAM_OUTPUT_MAX_HEIGHT} (1080): output height cap, pixels
 * @param demoWidth width of the sandbox demo source ({@code RESTREAM_DEMO_SIZE}, 1280x720)
 * @param demoHeight height of the sandbox demo source
 * @param fps {@code RESTREAM_OUTPUT_FPS} (30)
 * @param videoKbps {@code RESTREAM_VIDEO_KBPS} (3000), constant bit rate
 * @param audioKbps {@code RESTREAM_AUDIO_KBPS} (128)
 * @param x264Preset {@code RESTREAM_X264_PRESET} (veryfast)
 * @param overlayFps {@code RESTREAM_OVERLAY_FPS} (4): overlay frames per second fed to the encoder
 * @param bannerMaxBytes {@code RESTREAM_BANNER_MAX_BYTES} (2 MiB): larger banner images are refused
 * @param reconnectMinMs {@code RESTREAM_PUSH_RECONNECT_MIN_MS} (1000): first reconnect pause
 * @param reconnectMaxMs {@code RESTREAM_PUSH_RECONNECT_MAX_MS} (5000): longest reconnect pause
 * @param pushStallMs {@code RESTREAM_PUSH_STALL_MS} (10000): a push whose platform takes nothing this long is reconnected
 * @param destinationQueueBytes {@code RESTREAM_PUSH_QUEUE_BYTES} (8 MiB): per destination; beyond it
 *     the destination drops whole GOPs
 * @param sourceTokens {@code RESTREAM_SOURCE_BEARER_TOKEN}, {@code RESTREAM_CALLS_APP_TOKEN} (WebRTC sources)
 */
public record WorkerConfig(
        Optional<String> workerId,
        Optional<String> sourceUrlTemplate,
        long sourceOpenTimeoutMs,
        long sourceGraceMs,
        long sourceStallMs,
        long leaseMs,
        long heartbeatMs,
        long pollMs,
        long steadyPollMs,
        int maxHeight,
        int demoWidth,
        int demoHeight,
        int fps,
        int videoKbps,
        int audioKbps,
        String x264Preset,
        int overlayFps,
        long bannerMaxBytes,
        long reconnectMinMs,
        long reconnectMaxMs,
        long pushStallMs,
        long destinationQueueBytes,
        io.restream.worker.source.SourceTokens sourceTokens) {

    private static final Pattern SIZE = Pattern.compile("(\\d{2,4})x(\\d{2,4})");

    public static WorkerConfig from(Settings s, Problems problems) {
        Optional<String> template = s.get("RESTREAM_SOURCE_URL_TEMPLATE");
        template.flatMap(SourceResolver::validateTemplate)
                .ifPresent(p -> problems.add("RESTREAM_SOURCE_URL_TEMPLATE " + p));
        int demoW = 1280;
        int demoH = 720;
        String size = s.get("RESTREAM_DEMO_SIZE", "1280x720");
        Matcher m = SIZE.matcher(size);
        if (m.matches() && Integer.parseInt(m.group(1)) % 2 == 0 && Integer.parseInt(m.group(2)) % 2 == 0) {
            demoW = Integer.parseInt(m.group(1));
            demoH = Integer.parseInt(m.group(2));
        } else {
            problems.add("RESTREAM_DEMO_SIZE must be WIDTHxHEIGHT with even numbers, got '" + size + "'");
        }
        long lease = s.number("RESTREAM_WORKER_LEASE_MS", 7000, 3000, 60_000, problems);
        long heartbeat = s.number("RESTREAM_WORKER_HEARTBEAT_MS", 2000, 500, 20_000, problems);
        if (heartbeat * 2 >= lease) problems.add("RESTREAM_WORKER_HEARTBEAT_MS must be less than half of RESTREAM_WORKER_LEASE_MS");
        long reconnectMin = s.number("RESTREAM_PUSH_RECONNECT_MIN_MS", 1000, 100, 60_000, problems);
        long reconnectMax = s.number("RESTREAM_PUSH_RECONNECT_MAX_MS", 5000, 100, 300_000, problems);
        if (reconnectMax < reconnectMin) problems.add("RESTREAM_PUSH_RECONNECT_MAX_MS must not be below RESTREAM_PUSH_RECONNECT_MIN_MS");
        long poll = s.number("RESTREAM_WORKER_POLL_MS", 250, 50, 5000, problems);
        String preset = s.get("RESTREAM_X264_PRESET", "veryfast");
        if (!preset.matches("ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow")) {
            problems.add("RESTREAM_X264_PRESET must be an x264 preset, got '" + preset + "'");
        }
        return new WorkerConfig(
                s.get("RESTREAM_WORKER_ID"),
                template,
                s.number("RESTREAM_SOURCE_OPEN_TIMEOUT_MS", 10_000, 1000, 120_000, problems),
                s.number("RESTREAM_SOURCE_GRACE_MS", 30_000, 0, 3_600_000, problems),
                s.number("RESTREAM_SOURCE_STALL_MS", 8000, 1000, 120_000, problems),
                lease,
                heartbeat,
                poll,
                Math.max(poll, s.number("RESTREAM_WORKER_STEADY_POLL_MS", 2000, 50, 10_000, problems)),
                (int) s.number("RESTREAM_OUTPUT_MAX_HEIGHT", 1080, 144, 1080, problems),
                demoW,
                demoH,
                (int) s.number("RESTREAM_OUTPUT_FPS", 30, 1, 60, problems),
                (int) s.number("RESTREAM_VIDEO_KBPS", 3000, 100, 20_000, problems),
                (int) s.number("RESTREAM_AUDIO_KBPS", 128, 32, 320, problems),
                preset,
                (int) s.number("RESTREAM_OVERLAY_FPS", 4, 1, 30, problems),
                s.number("RESTREAM_BANNER_MAX_BYTES", 2L * 1024 * 1024, 1024, 50L * 1024 * 1024, problems),
                reconnectMin,
                reconnectMax,
                s.number("RESTREAM_PUSH_STALL_MS", 10_000, 1000, 120_000, problems),
                s.number("RESTREAM_PUSH_QUEUE_BYTES", 8L * 1024 * 1024, 256 * 1024, 512L * 1024 * 1024, problems),
                new io.restream.worker.source.SourceTokens(s.get("RESTREAM_SOURCE_BEARER_TOKEN"), s.get("RESTREAM_CALLS_APP_TOKEN")));
    }
}
