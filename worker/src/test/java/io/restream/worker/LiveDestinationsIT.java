package io.restream.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Job;
import io.restream.worker.testing.RtmpReceiver;
import io.restream.worker.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's destination list is edited while live: only the added or removed push changes. */
class LiveDestinationsIT {
    @TempDir Path tmp;
    private TestWorld world;
    private final List<RtmpReceiver> receivers = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) world.close();
        for (RtmpReceiver r : receivers) r.close();
    }

    @Test
    void anAddedDestinationGetsMediaAndARemovedOneEndsWhileTheOthersNeverReconnect() throws Exception {
        world = new TestWorld(tmp.resolve("data"));
        for (String name : List.of("a", "b", "c")) {
            RtmpReceiver r = RtmpReceiver.plain(tmp.resolve("rx-" + name), "key-" + name);
            receivers.add(r);
            world.addCustom(name, r);
        }
        RtmpReceiver a = receivers.get(0);
        RtmpReceiver b = receivers.get(1);
        RtmpReceiver c = receivers.get(2);
        world.startWorker();
        String jobId = world.goLive("demo-live-edit", List.of("custom:a", "custom:b"));
        await("a and b live").atMost(Duration.ofSeconds(20)).until(() -> allLive(jobId) && a.latestBytes() > 50_000 && b.latestBytes() > 50_000);
        assertEquals(0, c.connections(), "c is not a destination yet");

        long added = System.nanoTime();
        world.jobs.edits().updateDestinations(jobId, List.of("custom:c"), List.of()).toCompletableFuture().join();
        await("media at the added destination").atMost(Duration.ofSeconds(10)).until(() -> c.latestBytes() > 20_000);
        long addMs = (System.nanoTime() - added) / 1_000_000;
        System.out.println("[measure] added destination received media " + addMs + " ms after the edit");
        assertTrue(addMs < 5000, "media at the added destination after " + addMs + " ms");
        await("c in broadcasts[] and live").atMost(Duration.ofSeconds(5)).until(() ->
                destinations(jobId).equals(List.of("custom:a", "custom:b", "custom:c")) && allLive(jobId));
        assertEquals(1, a.connections(), "a kept its connection");
        assertEquals(1, b.connections(), "b kept its connection");

        long removed = System.nanoTime();
        world.jobs.edits().updateDestinations(jobId, List.of(), List.of("custom:b")).toCompletableFuture().join();
        await("the removed destination's publish ended").atMost(Duration.ofSeconds(10)).until(() -> b.connectedNow() == 0);
        long removeMs = (System.nanoTime() - removed) / 1_000_000;
        System.out.println("[measure] removed destination's publish ended " + removeMs + " ms after the edit");
        assertTrue(removeMs < 5000, "publish ended after " + removeMs + " ms");
        await("b gone from broadcasts[]").atMost(Duration.ofSeconds(5)).until(() -> destinations(jobId).equals(List.of("custom:a", "custom:c")));

        long aBytes = a.latestBytes();
        long cBytes = c.latestBytes();
        await("a and c keep receiving").atMost(Duration.ofSeconds(10)).until(() -> a.latestBytes() > aBytes + 50_000 && c.latestBytes() > cBytes + 50_000);
        assertEquals(1, a.connections(), "a never reconnected");
        assertEquals(1, c.connections(), "c never reconnected");
        assertEquals(1, b.connections(), "b was never pushed to again");
        for (Broadcast br : world.job(jobId).broadcasts()) {
            assertEquals(BroadcastState.LIVE, br.state(), br.destination());
            assertEquals(0, br.reconnects(), br.destination() + " reconnects");
        }
    }

    private boolean allLive(String jobId) {
        return world.job(jobId).broadcasts().stream().allMatch(br -> br.state() == BroadcastState.LIVE);
    }

    private List<String> destinations(String jobId) {
        Job j = world.job(jobId);
        return j.broadcasts().stream().map(Broadcast::destination).toList();
    }
}
