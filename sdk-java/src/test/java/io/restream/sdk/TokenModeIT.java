package io.restream.sdk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Token mode: tokens cached, re-minted before expiry, once more after a 401, fetched once for concurrent callers. */
class TokenModeIT {
    static final Sandbox sandbox = Sandbox.get();

    @Test
    void sixtySecondTokensKeepStreamingAndSendingPastSeventySeconds() throws Exception {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "tok_" + Tokens.random(5);
        sandbox.seedConnection(t, user, "twitch");
        AtomicInteger mints = new AtomicInteger();
        RestreamOptions o = sandbox.options().tokenSupplier(() -> {
            mints.incrementAndGet();
            return sandbox.mint(t, user, 60);
        }).build();
        Recorder rec = new Recorder();
        try (RestreamStudio studio = RestreamStudio.create(o)) {
            studio.listen(rec);
            long t0 = System.nanoTime();
            studio.start();
            Job job = studio.goLive(GoLive.to("demo-" + user, List.of("twitch")));
            await().atMost(Duration.ofSeconds(120)).until(() -> studio.job().map(j -> j.id().equals(job.id()) && j.status().equals("running")).orElse(false));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
                sandbox.say("twitch", "warm", "warm-up " + Tokens.random(4));
                return !rec.comments.isEmpty();
            });
            // A round every 5 s: a viewer writes (the stream must deliver it) and the studio sends (a token must be valid).
            List<Long> roundsAtMs = new ArrayList<>();
            await().atMost(Duration.ofSeconds(200)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                String in = "token round " + roundsAtMs.size();
                sandbox.say("twitch", "Tia", in);
                List<SendResult> out = studio.sendChat("reply " + roundsAtMs.size());
                assertEquals(1, out.size());
                assertTrue(out.get(0).ok(), out.toString());
                await().atMost(Duration.ofSeconds(20)).until(() -> rec.count(in) == 1);
                roundsAtMs.add((System.nanoTime() - t0) / 1_000_000);
                return roundsAtMs.get(roundsAtMs.size() - 1) > 75_000;
            });
            assertTrue(roundsAtMs.get(roundsAtMs.size() - 1) > 70_000, "the last round was past 70 s: " + roundsAtMs);
            assertTrue(mints.get() >= 2, "the 60-second token was re-minted: " + mints.get() + " mints");
            assertTrue(studio.ticketsUsed() >= 1, "the stream was opened with a ticket");
            assertEquals(rec.comments.size(), rec.comments.stream().map(Comment::id).distinct().count(), "no comment id twice");
            studio.stopLive();
        }
    }

    @Test
    void concurrentFirstCallsAskTheSupplierOnce() throws Exception {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "flight_" + Tokens.random(5);
        int callers = 8;
        CountDownLatch allCalling = new CountDownLatch(callers);
        AtomicInteger mints = new AtomicInteger();
        RestreamOptions o = sandbox.options().tokenSupplier(() -> {
            mints.incrementAndGet();
            try {
                allCalling.await(20, TimeUnit.SECONDS); // hold the first fetch until every caller is on its way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return sandbox.mint(t, user, 900);
        }).build();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (RestreamStudio studio = RestreamStudio.create(o)) {
            List<Future<List<Connection>>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    allCalling.countDown();
                    return studio.listConnections();
                }));
            }
            for (Future<List<Connection>> f : calls) assertEquals(List.of(), f.get(60, TimeUnit.SECONDS));
            assertEquals(1, mints.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a401AsksTheSupplierAgainAndRetriesOnce() {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "retry_" + Tokens.random(5);
        AtomicInteger mints = new AtomicInteger();
        RestreamOptions o = sandbox.options().tokenSupplier(() -> mints.incrementAndGet() == 1
                ? new SessionToken("eyJhbGciOiJFZERTQSJ9.e30.revoked-or-forged", 900) : sandbox.mint(t, user, 900)).build();
        try (RestreamStudio studio = RestreamStudio.create(o)) {
            assertEquals(List.of(), studio.listConnections());
            assertEquals(2, mints.get(), "a refused token was replaced once");
            assertEquals(List.of(), studio.listConnections());
            assertEquals(2, mints.get(), "the good token is cached");
        }
        AtomicInteger bad = new AtomicInteger();
        RestreamOptions alwaysBad = sandbox.options().tokenSupplier(() -> {
            bad.incrementAndGet();
            return new SessionToken("not-a-token", 900);
        }).build();
        try (RestreamStudio studio = RestreamStudio.create(alwaysBad)) {
            RestreamException e = assertThrows(RestreamException.class, studio::listConnections);
            assertEquals(401, e.status());
            assertEquals(2, bad.get(), "retried once, not more");
        }
    }
}
