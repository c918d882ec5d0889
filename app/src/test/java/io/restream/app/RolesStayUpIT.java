package io.restream.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.app.deploy.Http;
import io.restream.app.deploy.RedisNodes;
import io.restream.app.deploy.RoleProcess;
import io.restream.app.deploy.Studio;
import io.restream.core.crypto.Tokens;
import io.restream.service.events.SseClient;
import java.time.Duration;
import java.util.ArrayList;
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
        String admin = "adm_" + Tokens.random(24);
        List<RoleProcess> roles = new ArrayList<>();
        try (RedisNodes redis = RedisNodes.standalone()) {
            RoleProcess sim = RoleProcess.start("sim", Map.of("RESTREAM_SIM_AUTO_APPROVE", "true")).awaitReady();
            roles.add(sim);
            Map<String, String> env = Map.of("REDIS_URL", redis.url(), "RESTREAM_ADMIN_TOKEN", admin,
                    "RESTREAM_SECRETS_KEY", TestKeys.SECRETS_KEY, "RESTREAM_SIM_URL", sim.simUrl(),
                    "RESTREAM_DEMO_SIZE", "320x180", "RESTREAM_VIDEO_KBPS", "300");
            RoleProcess service = RoleProcess.start("service", env);
            RoleProcess worker = RoleProcess.start("worker", env);
            RoleProcess chat = RoleProcess.start("chat", env);
            roles.addAll(List.of(service, worker, chat));
            for (RoleProcess r : roles) r.awaitReady();

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
        } finally {
            roles.forEach(RoleProcess::close);
        }
    }
}
