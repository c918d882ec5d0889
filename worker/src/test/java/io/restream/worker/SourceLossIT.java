package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restream.core.jobs.OverlayOutcome;
import io.restream.core.model.Broadcast;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.SourceStatus;
import io.restream.worker.testing.Banners;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.RtmpSource;
import io.restream.worker.testing.TestWorld;
import io.restream.testkit.Fixture;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The source goes away for 10 s: the standby picture and silence go out, the broadcast stays open.
 * The job's banners stay live over the standby: one PATCHed while the source is gone goes on air.
 */
class SourceLossIT {
    private static final int W = 320;
    private static final int H = 240;

    @RegisterExtension
    final Fixture<TestWorld> worlds = Fixture.perTest(TestWorld::inTempDir);
    private TestWorld world;
    private RtmpReceiver receiver;

    @Test
    void aTenSecondSourceOutageKeepsOneSessionWithTheStandbyPictureAndAudioThroughout() throws Exception {
        world = worlds.get();
        receiver = world.receiver("s", "key-standby");
        try (RtmpSource source = new RtmpSource(W + "x" + H, 30)) {
            world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", source.template(), "RESTREAM_SOURCE_GRACE_MS", "60000"));
            String jobId = world.goLive("cam-standby", List.of("custom:s"));
            await("live with the source's picture").atMost(Duration.ofSeconds(25)).until(() -> world.job(jobId).status() == JobStatus.RUNNING
                    && receiver.latestBytes() > 100_000);
            await("job.source live").atMost(Duration.ofSeconds(5)).until(() -> sourceState(jobId).equals(SourceStatus.LIVE));
            double sourceCenter = centerLuma(frame());
            System.out.println("[measure] centre brightness of the source picture " + Math.round(sourceCenter));

            source.kill();
            long lost = System.nanoTime();
            long lostAtWall = System.currentTimeMillis();
            await("standby picture at the receiver").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> centerLuma(frame()) < sourceCenter * 0.5);
            long standbyMs = (System.nanoTime() - lost) / 1_000_000;
            System.out.println("[measure] standby picture at the receiver " + standbyMs + " ms after the source closed");
            assertTrue(standbyMs < 3000, "standby on air after " + standbyMs + " ms");
            Job onStandby = world.job(jobId);
            assertEquals(SourceStatus.LOST, onStandby.source().state());
            assertNotNull(onStandby.source().lostAt());
            assertTrue(Math.abs(onStandby.source().lostAt() - lostAtWall) < 5000, "lostAt " + onStandby.source().lostAt());
            assertEquals(JobStatus.RUNNING, onStandby.status());

            await("the outage lasts 10 s, the standby on air throughout").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertTrue(centerLuma(frame()) < sourceCenter * 0.5, "standby still on air");
                        return System.nanoTime() - lost >= Duration.ofSeconds(10).toNanos();
                    });
            source.revive();
            long revived = System.nanoTime();
            await("the source's picture back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> centerLuma(frame()) > sourceCenter * 0.8 && sourceState(jobId).equals(SourceStatus.LIVE));
            long backMs = (System.nanoTime() - revived) / 1_000_000;
            System.out.println("[measure] source picture back " + backMs + " ms after the source returned");
            assertTrue(backMs < 15_000, "source back after " + backMs + " ms");

            assertEquals(1, receiver.connections(), "one publish session throughout");
            Broadcast b = world.job(jobId).broadcasts().get(0);
            assertEquals(0, b.reconnects(), "no reconnect");
            // The stream goes on after the outage: wait until the receiver holds 15 s of it (how much it
            // held when the picture came back depends on how fast the job went live), then check it whole.
            await("15 s of stream at the receiver").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> audioEnd(Ffprobe.packets(receiver.latest())) > 15);
            List<Ffprobe.Packet> packets = Ffprobe.packets(receiver.latest());
            assertTrue(maxGap(packets, "audio") < 0.5, "largest gap in the audio " + maxGap(packets, "audio") + " s");
            assertTrue(maxGap(packets, "video") < 0.5, "largest gap in the video " + maxGap(packets, "video") + " s");
            assertEquals(1, receiver.connections(), "still one publish session");
        }
    }

    @Test
    void theJobsBannersStayLiveOverTheStandbyAndAPatchWhileTheSourceIsGoneGoesOnAir() throws Exception {
        world = worlds.get();
        receiver = world.receiver("s", "key-standby-banner");
        Color orange = new Color(255, 128, 0);
        Color blue = new Color(40, 90, 255);
        HttpServer top = Banners.serve(orange, W, 30);
        HttpServer bottom = Banners.serve(blue, W, 30);
        try (RtmpSource source = new RtmpSource(W + "x" + H, 30)) {
            world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", source.template(), "RESTREAM_SOURCE_GRACE_MS", "60000"));
            // A bottom banner from the start: the job is encoded.
            String jobId = world.goLive("cam-standby-banner", List.of("custom:s"),
                    new Overlay(null, null, Banners.url(bottom), null, null, null), false, List.of("audio", "video"));
            await("live with the source's picture and the bottom banner").atMost(Duration.ofSeconds(25))
                    .until(() -> world.job(jobId).status() == JobStatus.RUNNING && receiver.latestBytes() > 100_000
                            && Banners.onRow(frame(), W, H - 10, blue));
            double sourceCenter = centerLuma(frame());

            source.kill();
            long lost = System.nanoTime();
            await("standby picture at the receiver").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> centerLuma(frame()) < sourceCenter * 0.5);
            long standbyMs = (System.nanoTime() - lost) / 1_000_000;
            System.out.println("[measure] encoded job: standby picture at the receiver " + standbyMs + " ms after the source closed");
            // The encoder exits with its source (overlay shortest=1); before, only the stall watchdog saw the loss, 8–10 s on.
            assertTrue(standbyMs < 5000, "standby on air after " + standbyMs + " ms");
            assertEquals(SourceStatus.LOST, world.job(jobId).source().state());
            // Full colour, not the standby's dimming: the live banner goes over the dimmed picture.
            assertTrue(Banners.onRow(frame(), W, H - 10, blue), "the bottom banner live over the standby");
            assertFalse(Banners.atTop(frame(), W, orange), "no top banner before the PATCH");

            long patched = System.nanoTime();
            OverlayOutcome outcome = world.jobs.patchOverlay(jobId, new Overlay(null, Banners.url(top), null, null, null, null))
                    .toCompletableFuture().join();
            assertEquals(OverlayOutcome.APPLIED, outcome);
            await("the top banner over the standby").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Banners.atTop(frame(), W, orange));
            System.out.println("[measure] banner over the standby " + (System.nanoTime() - patched) / 1_000_000 + " ms after the PATCH");
            assertTrue(centerLuma(frame()) < sourceCenter * 0.5, "still the standby picture");

            // Nothing drawn: the blend goes off on the standby too (a stdin command, as in the encoder).
            world.jobs.patchOverlay(jobId, new Overlay(null, null, null, true, true, null)).toCompletableFuture().join();
            await("both banners off the standby").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !Banners.atTop(frame(), W, orange) && !Banners.onRow(frame(), W, H - 10, blue));
            assertTrue(centerLuma(frame()) < sourceCenter * 0.5, "still the standby picture");
            assertEquals(SourceStatus.LOST, world.job(jobId).source().state());
            assertEquals(1, receiver.connections(), "one publish session throughout");
            assertEquals(0, world.job(jobId).broadcasts().get(0).reconnects(), "no reconnect");
        } finally {
            top.stop(0);
            bottom.stop(0);
        }
    }

    @Test
    void aBannerForACopiedJobWhoseSourceIsGoneGoesOverTheStandbyAndStaysOnceTheSourceIsBackEncoded() throws Exception {
        world = worlds.get();
        receiver = world.receiver("s", "key-standby-copy");
        Color orange = new Color(255, 128, 0);
        HttpServer top = Banners.serve(orange, W, 30);
        try (RtmpSource source = new RtmpSource(W + "x" + H, 30)) {
            world.startWorker(Map.of("RESTREAM_SOURCE_URL_TEMPLATE", source.template(), "RESTREAM_SOURCE_GRACE_MS", "60000"));
            String jobId = world.goLive("cam-standby-copy", List.of("custom:s")); // H.264 + AAC, no overlay: copied
            await("live with the source's picture").atMost(Duration.ofSeconds(25)).until(() -> world.job(jobId).status() == JobStatus.RUNNING
                    && receiver.latestBytes() > 100_000);
            double sourceCenter = centerLuma(frame());
            source.kill();
            await("standby picture at the receiver").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> centerLuma(frame()) < sourceCenter * 0.5);

            assertFalse(Banners.atTop(frame(), W, orange), "no banner before the PATCH");

            // Encoding now would replace the encoder and take the standby off air: that waits for the
            // source, and meanwhile the banner goes over the standby, which is encoded anyway.
            world.jobs.patchOverlay(jobId, new Overlay(null, Banners.url(top), null, null, null, null)).toCompletableFuture().join();
            long patched = System.nanoTime();
            long bytes = receiver.latestBytes();
            await("the banner over the standby").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Banners.atTop(frame(), W, orange));
            System.out.println("[measure] copied job: banner over the standby " + (System.nanoTime() - patched) / 1_000_000 + " ms after the PATCH");
            await("the standby stays on air for 4 s after the PATCH").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertTrue(centerLuma(frame()) < sourceCenter * 0.5, "still the standby picture");
                        return System.nanoTime() - patched >= Duration.ofSeconds(4).toNanos();
                    });
            assertTrue(receiver.latestBytes() > bytes + 20_000, "media kept arriving: " + (receiver.latestBytes() - bytes) + " bytes");
            assertTrue(Banners.atTop(frame(), W, orange), "the banner still over the standby");
            assertEquals(SourceStatus.LOST, world.job(jobId).source().state());

            source.revive();
            await("the source's picture back, with the banner (now encoded)").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        byte[] f = frame();
                        return centerLuma(f) > sourceCenter * 0.8 && Banners.atTop(f, W, orange);
                    });
            assertEquals(1, receiver.connections(), "one publish session throughout");
            assertEquals(0, world.job(jobId).broadcasts().get(0).reconnects(), "no reconnect");
        } finally {
            top.stop(0);
        }
    }

    private static double audioEnd(List<Ffprobe.Packet> packets) {
        return packets.stream().filter(p -> p.type().equals("audio")).mapToDouble(Ffprobe.Packet::pts).max().orElse(0);
    }

    private String sourceState(String jobId) {
        SourceStatus s = world.job(jobId).source();
        return s == null ? "" : s.state();
    }

    private byte[] frame() throws Exception {
        return Ffprobe.latestFrame(receiver.latest(), W, H);
    }

    /** Mean brightness of the middle fifth of the picture (where the standby card sits). */
    private static double centerLuma(byte[] rgb) {
        long sum = 0;
        int n = 0;
        for (int y = H * 2 / 5; y < H * 3 / 5; y++) {
            for (int x = 0; x < W; x++) {
                int i = (y * W + x) * 3;
                sum += (rgb[i] & 0xff) * 299 + (rgb[i + 1] & 0xff) * 587 + (rgb[i + 2] & 0xff) * 114;
                n++;
            }
        }
        return sum / 1000.0 / n;
    }

    private static double maxGap(List<Ffprobe.Packet> packets, String type) {
        List<Double> pts = packets.stream().filter(p -> p.type().equals(type)).map(Ffprobe.Packet::pts).sorted().toList();
        double gap = 0;
        for (int i = 1; i < pts.size(); i++) gap = Math.max(gap, pts.get(i) - pts.get(i - 1));
        return gap;
    }
}
