package io.restream.chat;

import io.restream.testkit.ServiceKit;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.restream.service.events.SseClient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.chat.ChatKeys;
import io.restream.core.model.Platform;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several aggregators on one Redis: exactly one reads a job's chat, and a crashed one is replaced. */
class LeaseFailoverIT {
    private static final long LEASE_MS = 2_000;
    @RegisterExtension
    static final ChatWorld world = new ChatWorld();

    private static int twitchSubscriptions() {
        int n = 0;
        for (JsonNode s : world.sim("GET", "/sim/twitch/eventsub/sessions", null).json()) n += s.get("subscriptions").asInt();
        return n;
    }

    @Test
    void oneInstanceOwnsTheJobAndAnotherTakesOverAfterACrash() throws Exception {
        ChatRole a = world.startAggregator(LEASE_MS);
        ChatRole b = world.startAggregator(LEASE_MS);
        ChatRole c = world.startAggregator(LEASE_MS);
        List<ChatRole> all = List.of(a, b, c);
        ServiceKit.User u = world.newUser();
        world.connect(u, Platform.TWITCH, "8001");
        String jobId = world.runningJob(u, List.of("twitch"), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().filter(r -> r.ownedJobs().contains(jobId)).count() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> twitchSubscriptions() == 1);
        ChatRole owner = all.stream().filter(r -> r.ownedJobs().contains(jobId)).findFirst().orElseThrow();
        String holder = world.redis().sync().get(ChatKeys.lease(jobId));
        assertTrue(holder != null && holder.startsWith("chat_"));

        try (SseClient sse = world.events(u)) {
            world.say("twitch", "Before", "before the crash", false);
            await().atMost(Duration.ofSeconds(2)).until(() -> sse.comments().size() == 1);
            // The owner keeps it across scans: still exactly one reader and one subscription.
            await().during(Duration.ofMillis(1_000)).atMost(Duration.ofSeconds(2)).until(() ->
                    all.stream().filter(r -> r.ownedJobs().contains(jobId)).count() == 1 && twitchSubscriptions() == 1);
            long crashedAt = System.currentTimeMillis();
            owner.halt();
            await().atMost(Duration.ofSeconds(15)).until(() -> all.stream().filter(r -> r != owner)
                    .anyMatch(r -> r.ownedJobs().contains(jobId)));
            long takeover = System.currentTimeMillis() - crashedAt;
            assertTrue(takeover <= 15_000, "replaced within 15 s, took " + takeover + " ms");
            assertTrue(!holder.equals(world.redis().sync().get(ChatKeys.lease(jobId))), "the lease moved to another instance");
            await().atMost(Duration.ofSeconds(5)).until(() -> twitchSubscriptions() == 1);
            world.say("twitch", "After", "after the crash", false);
            await().atMost(Duration.ofSeconds(2)).until(() -> sse.comments().size() == 2);
            Set<String> ids = new HashSet<>();
            sse.comments().forEach(e -> ids.add(e.json().get("id").asText()));
            assertEquals(2, ids.size());

            // A graceful shutdown gives the lease back: the last instance takes over within a scan or two.
            ChatRole second = all.stream().filter(r -> r != owner && r.ownedJobs().contains(jobId)).findFirst().orElseThrow();
            ChatRole third = all.stream().filter(r -> r != owner && r != second).findFirst().orElseThrow();
            long closedAt = System.currentTimeMillis();
            second.close();
            await().atMost(Duration.ofSeconds(LEASE_MS / 1000 + 1)).until(() -> third.ownedJobs().contains(jobId));
            assertTrue(System.currentTimeMillis() - closedAt < LEASE_MS, "taken over before the lease could have expired");
            // Messages written before the new owner's subscription is in place are not delivered by
            // EventSub at all; keep writing until one comes through, then check nothing came twice.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                world.say("twitch", "Later", "after the hand-over", false);
                return sse.comments().stream().anyMatch(e -> e.json().get("message").asText().equals("after the hand-over"));
            });
            assertEquals(sse.comments().size(), sse.comments().stream().map(e -> e.json().get("id").asText()).distinct().count());
        }
        world.stopJob(jobId);
        await().atMost(Duration.ofSeconds(5)).until(() -> all.stream().noneMatch(r -> r.ownedJobs().contains(jobId)));
        await().atMost(Duration.ofSeconds(5)).until(() -> world.redis().sync().get(ChatKeys.lease(jobId)) == null);
    }
}
