package io.restream.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.Processes;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One encode fanned out to three real RTMP receivers on loopback. */
class FanOutIT {
    @TempDir Path tmp;
    private TestWorld world;
    private final List<RtmpReceiver> receivers = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        for (RtmpReceiver r : receivers) r.close();
    }

    private List<String> threeDestinations() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        List<String> ids = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            RtmpReceiver r = RtmpReceiver.plain(tmp.resolve("rx-" + name), "key-" + name);
            receivers.add(r);
            world.addCustom(name, r);
            ids.add("custom:" + name);
        }
        return ids;
    }

    @Test
    void threeDestinationsReceiveH264AndAacWithKeyframesEveryTwoSecondsThenStopLeavesNothing() throws Exception {
        List<String> destinations = threeDestinations();
        world.startWorker();
        long goLive = System.nanoTime();
        String jobId = world.goLive("demo-fanout", destinations);

        await("first media at every receiver").atMost(Duration.ofSeconds(10))
                .until(() -> receivers.stream().allMatch(r -> r.latestBytes() > 10_000));
        long firstMediaMs = (System.nanoTime() - goLive) / 1_000_000;
        System.out.println("[measure] first media at three receivers " + firstMediaMs + " ms after goLive");
        assertTrue(firstMediaMs < 5000, "first media " + firstMediaMs + " ms after goLive");

        await("job running, all live").atMost(Duration.ofSeconds(10)).until(() -> {
            Job j = world.job(jobId);
            return j.status() == JobStatus.RUNNING && j.broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE);
        });
        await("four key frames at every receiver").atMost(Duration.ofSeconds(20)).until(() -> {
            for (RtmpReceiver r : receivers) {
                if (Ffprobe.keyframeIntervals(Ffprobe.packets(r.latest())).size() < 4) return false;
            }
            return true;
        });

        for (RtmpReceiver r : receivers) {
            List<Ffprobe.Stream> streams = Ffprobe.streams(r.latest());
            assertTrue(streams.stream().anyMatch(s -> s.type().equals("video") && s.codec().equals("h264") && s.height() == 360),
                    "H.264 360p video in " + streams);
            assertTrue(streams.stream().anyMatch(s -> s.type().equals("audio") && s.codec().equals("aac")
                    && "LC".equals(s.profile()) && s.sampleRate() == 48000), "AAC-LC 48 kHz audio in " + streams);
            List<Double> intervals = Ffprobe.keyframeIntervals(Ffprobe.packets(r.latest()));
            assertTrue(intervals.stream().allMatch(i -> i > 1.9 && i < 2.1), "key frame intervals " + intervals);
            assertEquals(1, r.connections(), "publishers seen by " + r.key());
        }
        Job live = world.job(jobId);
        for (Broadcast b : live.broadcasts()) {
            assertEquals(0, b.reconnects(), b.destination() + " reconnects");
            assertNotNull(b.bitrateKbps(), b.destination() + " bitrate");
            assertTrue(b.bitrateKbps() > 100, b.destination() + " bitrate " + b.bitrateKbps());
        }
        assertNotNull(live.stats(), "stats");

        world.stop(jobId);
        await("stopped").atMost(Duration.ofSeconds(15)).until(() -> world.job(jobId).status() == JobStatus.STOPPED);
        assertTrue(world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.STOPPED),
                "all broadcasts stopped: " + world.job(jobId).broadcasts());
        await("no FFmpeg left").atMost(Duration.ofSeconds(5)).until(() -> Processes.workerFfmpegs().isEmpty());
        await("every receiver saw its publisher leave").atMost(Duration.ofSeconds(5))
                .until(() -> receivers.stream().allMatch(r -> r.connectedNow() == 0));
    }

    @Test
    void aDeadDestinationReconnectsByItselfWhileTheOthersKeepReceivingWithoutAGap() throws Exception {
        List<String> destinations = threeDestinations();
        world.startWorker();
        String jobId = world.goLive("demo-isolation", destinations);
        await("all live").atMost(Duration.ofSeconds(10)).until(() ->
                world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE));
        RtmpReceiver a = receivers.get(0);
        RtmpReceiver b = receivers.get(1);
        RtmpReceiver c = receivers.get(2);
        await("some media").atMost(Duration.ofSeconds(10)).until(() -> a.latestBytes() > 100_000);

        b.kill();
        await("b reconnecting").atMost(Duration.ofSeconds(10)).until(() -> state(jobId, "custom:b") == BroadcastState.RECONNECTING);
        long aBytes = a.latestBytes();
        long cBytes = c.latestBytes();
        await("a and c still receive").atMost(Duration.ofSeconds(5))
                .until(() -> a.latestBytes() > aBytes + 50_000 && c.latestBytes() > cBytes + 50_000);
        assertEquals(BroadcastState.LIVE, state(jobId, "custom:a"));
        assertEquals(BroadcastState.LIVE, state(jobId, "custom:c"));

        b.revive();
        long revived = System.nanoTime();
        await("b live again").atMost(Duration.ofSeconds(15)).until(() -> state(jobId, "custom:b") == BroadcastState.LIVE);
        long backMs = (System.nanoTime() - revived) / 1_000_000;
        System.out.println("[measure] dead destination live again " + backMs + " ms after its receiver returned");
        assertTrue(backMs < 15_000);
        Broadcast back = broadcast(jobId, "custom:b");
        assertTrue(back.reconnects() >= 1, "reconnects " + back.reconnects());
        assertTrue(b.connections() >= 2, "b saw a new publisher");
        await("b receives media again").atMost(Duration.ofSeconds(10)).until(() -> b.latestBytes() > 50_000);

        for (RtmpReceiver r : List.of(a, c)) {
            assertEquals(1, r.connections(), r.key() + " never reconnected");
            // b's outage and return can take less than 4 s (pushes reconnect in ms): look at 4 s at least
            await(r.key() + " has 4 s of video").atMost(Duration.ofSeconds(10)).until(() -> videoPts(r).stream().anyMatch(t -> t > 4));
            List<Double> video = videoPts(r);
            double maxGap = 0;
            for (int i = 1; i < video.size(); i++) maxGap = Math.max(maxGap, video.get(i) - video.get(i - 1));
            assertTrue(maxGap < 0.1, r.key() + " largest gap between video frames " + maxGap + " s");
        }
        assertEquals(0, broadcast(jobId, "custom:a").reconnects());
        assertEquals(0, broadcast(jobId, "custom:c").reconnects());
    }

    @Test
    void videoOnlyTrackNamesStillDeliverAnAudioTrack() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        RtmpReceiver r = RtmpReceiver.plain(tmp.resolve("rx"), "key-v");
        receivers.add(r);
        world.addCustom("v", r);
        world.startWorker();
        String jobId = world.goLive("demo-video-only", List.of("custom:v"), null, false, List.of("video"));
        await("media").atMost(Duration.ofSeconds(15)).until(() ->
                r.latest() != null && Ffprobe.packets(r.latest()).stream().filter(p -> p.type().equals("audio")).count() > 50);
        List<Ffprobe.Stream> streams = Ffprobe.streams(r.latest());
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("audio") && s.codec().equals("aac") && s.sampleRate() == 48000),
                "an AAC 48 kHz track in " + streams);
        assertTrue(streams.stream().anyMatch(s -> s.type().equals("video")), "video in " + streams);
        await("running").atMost(Duration.ofSeconds(5)).until(() -> world.job(jobId).status() == JobStatus.RUNNING);
    }

    private static List<Double> videoPts(RtmpReceiver r) throws Exception {
        return Ffprobe.packets(r.latest()).stream().filter(p -> p.type().equals("video")).map(Ffprobe.Packet::pts).sorted().toList();
    }

    private Broadcast broadcast(String jobId, String destination) {
        return world.job(jobId).broadcasts().stream().filter(b -> b.destination().equals(destination)).findFirst().orElseThrow();
    }

    private BroadcastState state(String jobId, String destination) {
        return broadcast(jobId, destination).state();
    }

    @Test
    void aCrashedEncoderOrADroppedPushIsRestartedAndLeavesNoProcessBehind() throws Exception {
        List<String> destinations = threeDestinations();
        WorkerRole worker = world.startWorker();
        String jobId = world.goLive("demo-crash", destinations);
        await("all live").atMost(Duration.ofSeconds(15)).until(() ->
                world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE));
        List<Long> before = worker.ffmpegPids();
        assertEquals(1, before.size(), "one encoder; the pushes run in the worker's JVM, no process each");

        ProcessHandle.of(before.get(0)).orElseThrow().destroyForcibly(); // the encoder
        long[] bytes = receivers.stream().mapToLong(RtmpReceiver::latestBytes).toArray();
        await("media again after the encoder crash").atMost(Duration.ofSeconds(15)).until(() -> {
            for (int i = 0; i < receivers.size(); i++) if (receivers.get(i).latestBytes() < bytes[i] + 50_000) return false;
            return true;
        });
        for (RtmpReceiver r : receivers) assertEquals(1, r.connections(), r.key() + " kept its connection");

        RtmpReceiver dropped = receivers.get(1);
        dropped.kill(); // the platform drops the connection and is gone for a moment
        dropped.revive();
        await("the dropped push reconnects, the others untouched").atMost(Duration.ofSeconds(15)).until(() -> {
            List<Broadcast> all = world.job(jobId).broadcasts();
            return all.stream().allMatch(b -> b.state() == BroadcastState.LIVE)
                    && all.stream().filter(b -> b.reconnects() >= 1).count() == 1
                    && all.stream().filter(b -> b.reconnects() == 0).count() == 2;
        });
        for (RtmpReceiver r : receivers) {
            if (r != dropped) assertEquals(1, r.connections(), r.key() + " kept its connection");
        }
        await("exactly one encoder").atMost(Duration.ofSeconds(5)).until(() -> Processes.workerFfmpegs().size() == 1);
    }
}
