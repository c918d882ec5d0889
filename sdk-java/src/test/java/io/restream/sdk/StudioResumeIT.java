package io.restream.sdk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The API process restarts on the same port and data dir while viewers keep writing in the
 * simulator's chat: the studio's stream reconnects by itself within 30 s of the API's return and
 * resumes after the last comment, so the listener gets every message exactly once.
 */
class StudioResumeIT {
    static final Sandbox sandbox = Sandbox.get();

    @Test
    void everyMessageArrivesExactlyOnceAcrossAnApiRestart() throws Exception {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "resume_" + Tokens.random(5);
        sandbox.seedConnection(t, user, "twitch");
        Recorder rec = new Recorder();
        ScheduledExecutorService viewers = Executors.newSingleThreadScheduledExecutor();
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        try (RestreamStudio studio = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId(user).build())) {
            studio.listen(rec);
            studio.start();
            Job job = studio.goLive(GoLive.to("demo-" + user, List.of("twitch")));
            await().atMost(Duration.ofSeconds(120)).until(() -> studio.job().map(j -> j.id().equals(job.id()) && j.status().equals("running")).orElse(false));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
                sandbox.say("twitch", "warm", "warm-up " + Tokens.random(4));
                return !rec.comments.isEmpty();
            });
            // From here on a viewer writes every 300 ms, whatever the API is doing.
            viewers.scheduleWithFixedDelay(() -> {
                String m = "resume " + n.getAndIncrement();
                try {
                    sandbox.say("twitch", "Viv", m);
                    sent.add(m);
                } catch (RuntimeException e) {
                    // the simulator refused it: it was never written, so nobody should get it
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> rec.count("resume 3") == 1);

            sandbox.stopApi();
            await().atMost(Duration.ofSeconds(30)).until(() -> rec.closes.get() >= 1);
            int sentWhileDown = sent.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= sentWhileDown + 5);
            sandbox.startApi();
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> rec.opens.get() >= 2);
            long reconnectMs = (System.nanoTime() - back) / 1_000_000;
            int total = sent.size() + 5;
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= total);
            viewers.shutdown();
            assertTrue(viewers.awaitTermination(10, TimeUnit.SECONDS));

            await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(m -> rec.count(m) >= 1));
            for (String m : sent) assertEquals(1, rec.count(m), m + " exactly once");
            assertEquals(rec.comments.size(), rec.comments.stream().map(Comment::id).distinct().count(), "no comment id twice");
            assertTrue(sent.size() >= sentWhileDown + 10, "messages were written while the API was down and after");
            assertTrue(reconnectMs < 30_000, "back " + reconnectMs + " ms after the API");
            System.out.println("StudioResumeIT: " + sent.size() + " messages, stream back " + reconnectMs + " ms after the API answered");
            studio.stopLive();
        } finally {
            viewers.shutdownNow();
        }
    }
}
