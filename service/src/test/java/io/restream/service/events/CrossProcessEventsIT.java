package io.restream.service.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.core.chat.ChatLog;
import io.restream.core.crypto.Tokens;
import io.restream.core.model.Comment;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.model.UserRef;
import io.restream.core.testing.TestRedis;
import io.restream.service.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two API processes on one Redis: comments and job changes reach the subscribers of both. */
class CrossProcessEventsIT {
    @Test
    void aCommentAndAJobChangeReachSubscribersOfBothProcesses() throws Exception {
        try (TestApi api = new TestApi()) {
            Path dir = Files.createTempDirectory("restream-second-node");
            Path portFile = dir.resolve("port");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), ServiceProcessMain.class.getName(), portFile.toString());
            pb.environment().put("REDIS_URL", TestRedis.url());
            pb.environment().put("RESTREAM_ADMIN_TOKEN", api.adminToken);
            pb.environment().put("RESTREAM_DATA_DIR", dir.toString());
            pb.environment().put("RESTREAM_HTTP_PORT", "0");
            pb.environment().put("RESTREAM_SANDBOX", "true");
            pb.environment().put("RESTREAM_HTTP_VERTICLES", "1");
            pb.environment().put("RESTREAM_SECRETS_KEY", TestApi.TEST_SECRETS_KEY);
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
            Process second = pb.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portFile) && !Files.readString(portFile).isBlank());
                String secondBase = "http://127.0.0.1:" + Files.readString(portFile).trim();
                TestApi.Tenant t = api.newTenant();
                String uid = "x_" + Tokens.random(5);
                UserRef user = new UserRef(t.clientId(), uid);
                try (SseClient here = new SseClient(api.base + "/api/v1/events", t.as(uid));
                     SseClient there = new SseClient(secondBase + "/api/v1/events", t.as(uid))) {
                    assertEquals(200, there.status);
                    await().atMost(Duration.ofSeconds(10)).until(() -> !here.ofType("connections").isEmpty() && !there.ofType("connections").isEmpty());
                    new ChatLog(api.redis).append(user, new Comment("youtube:x1", Platform.YOUTUBE, "Yan", null, "to both processes", 1L))
                            .toCompletableFuture().get(5, TimeUnit.SECONDS);
                    await().atMost(Duration.ofSeconds(2)).until(() -> here.comments().size() == 1 && there.comments().size() == 1);
                    assertEquals(here.comments().get(0).id(), there.comments().get(0).id());
                    // A job change written by another process (as the worker does) reaches the second process's subscriber.
                    api.connectCustom(t.as(uid), "d", "rtmp://127.0.0.1/live");
                    String jobId = api.goLive(t.as(uid), List.of("custom:d")).json().get("id").asText();
                    api.role.context().jobs().transition(jobId, Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of())
                            .toCompletableFuture().get(5, TimeUnit.SECONDS);
                    await().atMost(Duration.ofSeconds(2)).until(() -> there.ofType("job").stream()
                            .anyMatch(e -> e.json().get("status").asText().equals("running")));
                }
            } finally {
                second.getOutputStream().close();
                if (!second.waitFor(10, TimeUnit.SECONDS)) second.destroyForcibly();
            }
        }
    }
}
