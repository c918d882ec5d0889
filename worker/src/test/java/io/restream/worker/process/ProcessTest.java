package io.restream.worker.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessTest {
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);

    @AfterEach
    void tearDown() { timers.shutdownNow(); }

    @Test
    void theWatchdogKillsARunThatMakesNoProgress() {
        // Waits for FLV on stdin that never comes.
        FfmpegProcess p = new FfmpegProcess(ProcessSpec.builder("stall", List.of("-hide_banner", "-f", "flv", "-i", "pipe:0", "-f", "null", "-"))
                .stallTimeout(Duration.ofMillis(1500)).redactor(UnaryOperator.identity()).build(), timers);
        p.start();
        long pid = p.pid();
        FfmpegProcess.Exit exit = p.exit().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join();
        assertEquals(FfmpegProcess.State.FAILED, exit.state());
        assertTrue(exit.reason().startsWith("stalled"), exit.reason());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aPoliteStopFinishesCleanlyAndProgressIsParsed() {
        List<Progress> progress = new ArrayList<>();
        FfmpegProcess p = new FfmpegProcess(ProcessSpec.builder("run", List.of("-hide_banner", "-nostats", "-progress", "pipe:2",
                "-stats_period", "0.5", "-re", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10", "-f", "null", "-"))
                .stallTimeout(Duration.ofSeconds(10)).onProgress(pr -> { synchronized (progress) { progress.add(pr); } })
                .redactor(UnaryOperator.identity()).build(), timers);
        p.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> { synchronized (progress) { return progress.size() >= 2; } });
        FfmpegProcess.Exit exit = p.stop(Duration.ofSeconds(5), false);
        assertEquals(FfmpegProcess.State.FINISHED, exit.state());
        synchronized (progress) {
            assertTrue(progress.get(progress.size() - 1).outTimeUs().orElse(0) > 0);
        }
    }

    @Test
    void progressBlocksAndLogLinesAreTold() {
        List<Progress> blocks = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ProgressParser parser = new ProgressParser(blocks::add, lines::add);
        for (String l : List.of("frame=10", "fps=29.97", "bitrate=2987.1kbits/s", "total_size=123456", "out_time_us=2000000",
                "drop_frames=3", "speed=1.01x", "progress=continue", "[flv @ 0x1] Failed to update header", "progress=end")) {
            parser.line(l);
        }
        assertEquals(2, blocks.size());
        Progress p = blocks.get(0);
        assertEquals(2987.1, p.bitrateKbps().orElseThrow(), 1e-9);
        assertEquals(123456, p.totalSize().orElseThrow());
        assertEquals(29.97, p.fps().orElseThrow(), 1e-9);
        assertEquals(1.01, p.speed().orElseThrow(), 1e-9);
        assertEquals(3, p.droppedFrames().orElseThrow());
        assertTrue(blocks.get(1).isEnd());
        assertEquals(List.of("[flv @ 0x1] Failed to update header"), lines);
    }

    @Test
    void urlsInLogLinesLoseTheirKeys() {
        assertEquals("[tcp @ 0x5] Connection to rtmp://live.example.com/app/*** failed",
                LogRedactor.redact("[tcp @ 0x5] Connection to rtmp://live.example.com/app/sk_live_123 failed"));
        assertEquals("open https://cdn.example.com/x.png?*** now", LogRedactor.redact("open https://cdn.example.com/x.png?token=abc now"));
    }
}
