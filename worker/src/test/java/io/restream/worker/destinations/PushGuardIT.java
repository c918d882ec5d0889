package io.restream.worker.destinations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restream.core.error.ApiException;
import io.restream.core.media.FfmpegBinaries;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Platform;
import io.restream.core.net.UrlGuard;
import io.restream.core.crypto.Secret;
import io.restream.platforms.port.IngestTarget;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.fanout.FlvReader;
import io.restream.worker.fanout.FlvTag;
import io.restream.worker.testing.RtmpReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push URL is checked by the SSRF guard again before every reconnect, not only at the first
 * connect: a host that is no longer allowed when the connection drops gets no new connection (the
 * broadcast says {@code url_not_allowed} and keeps trying), and is pushed to again once it is.
 *
 * <p>Only loopback is reachable here, and a strict guard refuses loopback whatever the name, so "the
 * host now resolves to a forbidden address" is played by the operator's allowlist: {@code localhost}
 * is allowlisted at first (as a name whose address passes) and then not (its address, 127.0.0.1, is
 * refused). The check is the real {@link UrlGuard}, resolving the name at every call.
 */
class PushGuardIT {
    private static final Set<String> PUSH_SCHEMES = Set.of("rtmp", "rtmps");
    private static final UrlGuard ALLOWS_LOCALHOST = new UrlGuard(false, Set.of("localhost"));
    private static final UrlGuard STRICT = new UrlGuard(false, Set.of());

    @TempDir Path dir;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    private Process source;

    @AfterEach
    void stop() {
        timers.shutdownNow();
        if (source != null) source.destroyForcibly();
    }

    @Test
    void aPushWhoseHostIsNoLongerAllowedIsRefusedOnReconnectAndResumesWhenItIsAgain() throws Exception {
        RtmpReceiver receiver = RtmpReceiver.plain(dir.resolve("rx"), "key-guard");
        String url = receiver.appUrl().replace("127.0.0.1", "localhost") + "/" + receiver.key();
        assertThrows(ApiException.class, () -> STRICT.check("url", url, PUSH_SCHEMES), "the strict guard refuses this host");
        FanoutHub hub = new FanoutHub();
        feed(hub);
        AtomicReference<UrlGuard> guard = new AtomicReference<>(ALLOWS_LOCALHOST);
        Destination d = new Destination(new DestinationSpec("job_guard", "custom:rx", Platform.CUSTOM,
                new IngestTarget(Secret.of(url), null, null), 0), hub,
                new DestinationSettings(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofSeconds(10), 8 << 20, Duration.ofSeconds(5)),
                timers, x -> { });
        d.checkBeforeEachConnect(u -> guard.get().check("url", u, PUSH_SCHEMES));
        try (receiver) {
            d.start();
            await("live").atMost(Duration.ofSeconds(30)).until(() -> d.state() == BroadcastState.LIVE && receiver.latestBytes() > 10_000);
            assertEquals(1, receiver.connections());

            guard.set(STRICT);
            receiver.kill(); // the connection drops; the platform is back at once, so only the guard can stop a reconnect
            receiver.revive();
            await("the reconnect refused by the guard").atMost(Duration.ofSeconds(20))
                    .until(() -> d.state() == BroadcastState.RECONNECTING && d.status().error() != null
                            && "url_not_allowed".equals(d.status().error().code()) && d.reconnects() >= 3);
            await("no connection while refused").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.connections() == 1 && d.state() == BroadcastState.RECONNECTING);

            guard.set(ALLOWS_LOCALHOST);
            await("live again once allowed").atMost(Duration.ofSeconds(30)).until(() -> d.state() == BroadcastState.LIVE);
            assertEquals(2, receiver.connections(), "one new connection, made only once the host passed again");
        } finally {
            d.stop();
        }
        assertEquals(BroadcastState.STOPPED, d.state());
    }

    /** Real H.264/AAC FLV into the hub, in real time, as the encoder would publish it. */
    private void feed(FanoutHub hub) throws IOException {
        source = FfmpegBinaries.processBuilder(List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "15", "-c:a", "aac", "-b:a", "64k",
                "-f", "flv", "pipe:1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread t = new Thread(() -> {
            try {
                FlvReader in = new FlvReader(source.getInputStream());
                hub.beginSegment();
                for (FlvTag tag; (tag = in.next()) != null; ) hub.publish(tag);
            } catch (IOException e) {
                // the source was stopped
            }
        }, "guard-source");
        t.setDaemon(true);
        t.start();
    }
}
