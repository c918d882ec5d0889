package io.restream.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.app.deploy.Deployment;
import io.restream.app.deploy.Http;
import io.restream.app.deploy.RedisNodes;
import io.restream.app.deploy.RoleProcess;
import io.restream.app.deploy.Studio;
import io.restream.service.events.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every role as the operator runs it, each alone in its own process on one Redis (issue 14, item
 * 0): each stays up past its banner and does its work — the simulator and the service answer, the
 * worker claims a job and its media reaches the simulated Twitch, the aggregator delivers a
 * Twitch comment to an SSE client — and each stops cleanly on SIGTERM.
 */
class RolesStayUpIT {
    @Test
    void eachRoleAloneStaysUpAndWorksUntilSigterm() throws Exception {
        try (RedisNodes redis = RedisNodes.standalone(); Deployment deployment = Deployment.start(redis.url())) {
            String admin = deployment.admin;
            RoleProcess sim = deployment.sim;
            RoleProcess service = deployment.service;
            RoleProcess worker = deployment.worker;
            RoleProcess chat = deployment.chat;
            List<RoleProcess> roles = deployment.roles();

            String api = service.baseUrl();
            assertEquals(200, Http.status("GET", sim.simUrl() + "/sim/consent"), "the simulator answers");
            assertEquals(200, Http.status("GET", api + "/healthz"), "the service answers");
            Studio studio = new Studio(admin);
            Map<String, String> user = studio.newUser(api);
            studio.connect(api, user, "twitch");
            try (SseClient sse = new SseClient(api + "/api/v1/events", user)) {
                String jobId = studio.goLive(api, user, "demo-roles", List.of("twitch")).get("id").asText();
                await("the worker runs the job").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> studio.job(api, user, jobId).get("status").asText().equals("running"));
                await("media at the simulated Twitch").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Studio.liveFrames(sim.simUrl(), "twitch") > 30);
                await("the aggregator delivers a Twitch comment").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(700))
                        .until(() -> {
                            Studio.chat(sim.simUrl(), "twitch", "viewer", "hello roles");
                            return sse.comments().stream().anyMatch(e -> e.data().contains("hello roles"));
                        });
            }
            for (RoleProcess r : roles) assertTrue(r.alive(), r.role + " stays up:\n" + r.log());
            for (RoleProcess r : List.of(chat, worker, service, sim)) {
                int exit = r.terminate();
                assertTrue(exit == 143 || exit == 0, r.role + " exit " + exit + " on SIGTERM:\n" + r.log());
                assertTrue(r.log().contains("Restream started"), r.role + " printed its banner");
            }
        }
    }
}
