package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Platform;
import io.restream.worker.testing.Ffprobe;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RTMPS, and Instagram with the per-job ingest URL and key given at goLive. */
class DestinationsIT {
    @TempDir Path tmp;
    private TestWorld world;
    private RtmpReceiver secure;
    private RtmpReceiver instagram;
    private RtmpReceiver staleInstagram;

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        for (RtmpReceiver r : new RtmpReceiver[] {secure, instagram, staleInstagram}) if (r != null) r.close();
    }

    @Test
    void pushesOverRtmpsAndToInstagramWithTheJobsOwnIngestKey() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        SSLContext tls = RtmpReceiver.selfSignedTls(tmp);
        secure = new RtmpReceiver(tmp.resolve("rx-tls"), "key-tls", tls);
        instagram = RtmpReceiver.plain(tmp.resolve("rx-ig"), "key-ig-today");
        staleInstagram = RtmpReceiver.plain(tmp.resolve("rx-ig-old"), "key-ig-yesterday");
        world.addCustom("secure", secure);
        world.addInstagram("streamer", staleInstagram.appUrl(), staleInstagram.key());
        world.startWorker();
        String ingest = "{\"instagram\":{\"url\":\"" + instagram.appUrl() + "\",\"streamKey\":\"" + instagram.key() + "\"}}";
        String jobId = world.goLive("demo-destinations", List.of("custom:secure", "instagram"), null, false,
                List.of("audio", "video"), ingest);

        await("both live").atMost(Duration.ofSeconds(15)).until(() ->
                world.job(jobId).broadcasts().stream().allMatch(b -> b.state() == BroadcastState.LIVE));
        await("media over TLS and to Instagram").atMost(Duration.ofSeconds(10))
                .until(() -> secure.latestBytes() > 20_000 && instagram.latestBytes() > 20_000);
        assertTrue(secure.appUrl().startsWith("rtmps://"));
        assertTrue(Ffprobe.streams(secure.latest()).stream().anyMatch(s -> "h264".equals(s.codec())), "H.264 over RTMPS");
        assertEquals(0, staleInstagram.connections(), "the connection's old key was not used");
        Broadcast ig = world.job(jobId).broadcasts().stream().filter(b -> b.platform() == Platform.INSTAGRAM).findFirst().orElseThrow();
        assertEquals("https://www.instagram.com/streamer/live/", ig.watchUrl());
    }

    @Test
    void aDestinationWithoutAConnectionFailsAloneWhileTheOthersGoLive() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        instagram = RtmpReceiver.plain(tmp.resolve("rx-ok"), "key-ok");
        world.addCustom("ok", instagram);
        world.startWorker();
        String jobId = world.goLive("demo-partial", List.of("custom:ok", "custom:gone"));
        await("ok live").atMost(Duration.ofSeconds(15)).until(() -> world.job(jobId).broadcasts().stream()
                .anyMatch(b -> b.destination().equals("custom:ok") && b.state() == BroadcastState.LIVE));
        Broadcast gone = world.job(jobId).broadcasts().stream().filter(b -> b.destination().equals("custom:gone")).findFirst().orElseThrow();
        assertEquals(BroadcastState.FAILED, gone.state());
        assertEquals("not_connected", gone.error().code());
    }
}
