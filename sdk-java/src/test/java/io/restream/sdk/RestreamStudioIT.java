package io.restream.sdk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.sdk.Model.GoLive;
import io.restream.sdk.Model.Job;
import io.restream.sdk.Model.Overlay;
import io.restream.service.TestApi;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java client against the real API: connections, goLive, overlay, stop, errors and live events. */
class RestreamStudioIT {
    static TestApi api;

    @BeforeAll
    static void start() {
        api = new TestApi();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void goesLiveChangesTheOverlayAndStopsWithASessionToken() {
        TestApi.Tenant tenant = api.newTenant();
        RestreamStudio backend = RestreamStudio.create(RestreamOptions.builder(URI.create(api.base)).secretKey(tenant.secretKey(), "sdk-user").build());
        String token = api.call("POST", "/api/v1/auth/session", Map.of("X-API-Key", tenant.secretKey()),
                "{\"userId\":\"sdk-user\"}").json().get("token").asText();
        RestreamStudio studio = RestreamStudio.create(RestreamOptions.builder(URI.create(api.base)).sessionToken(() -> token).build());

        assertTrue(studio.currentJob().isEmpty());
        backend.connectCustom("studio", "rtmp://127.0.0.1:1935/live", "key-1");
        assertEquals("custom:studio", studio.connections().get(0).id());

        CopyOnWriteArrayList<Job> jobEvents = new CopyOnWriteArrayList<>();
        try (EventStream events = studio.events(new RestreamListener.Adapter() {
            @Override public void onJob(Job job) { jobEvents.add(job); }
        })) {
            Job job = studio.goLive(GoLive.to("demo-sdk", List.of("custom:studio")).withOverlay(Overlay.top("https://example.com/top.png")));
            assertEquals("queued", job.status());
            assertEquals("https://example.com/top.png", job.overlay().topBanner());
            await().atMost(Duration.ofSeconds(10)).until(() -> jobEvents.stream().anyMatch(j -> j.id().equals(job.id())));

            Job patched = studio.updateOverlay(new Overlay(null, null, null, true, null, null));
            assertEquals(Boolean.TRUE, patched.overlay().hideTop());
            assertEquals("https://example.com/top.png", patched.overlay().topBanner());

            Job stopped = studio.stop();
            assertEquals("stopped", stopped.status(), "no worker had claimed it, so it stops at once");
            await().atMost(Duration.ofSeconds(10)).until(() -> jobEvents.stream().anyMatch(j -> j.id().equals(job.id()) && "stopped".equals(j.status())));
        }
    }

    @Test
    void errorsCarryTheApiCodeAndFields() {
        TestApi.Tenant tenant = api.newTenant();
        RestreamStudio studio = RestreamStudio.create(RestreamOptions.builder(URI.create(api.base)).secretKey(tenant.secretKey(), "e").build());
        RestreamException notConnected = assertThrows(RestreamException.class, () -> studio.goLive(GoLive.to("demo-x", List.of("custom:nope"))));
        assertEquals(400, notConnected.status());
        assertEquals("not_connected", notConnected.code());
        RestreamException invalid = assertThrows(RestreamException.class, () -> studio.goLive(GoLive.to("bad id!", List.of("custom:nope"))));
        assertEquals("validation_failed", invalid.code());
        assertTrue(invalid.fields().containsKey("publisherSessionId"));
        RestreamStudio wrongKey = RestreamStudio.create(RestreamOptions.builder(URI.create(api.base)).secretKey("sk_live_wrong", "e").build());
        assertEquals("invalid_credentials", assertThrows(RestreamException.class, wrongKey::connections).code());
        assertThrows(IllegalStateException.class, () -> RestreamOptions.builder(URI.create(api.base)).build(), "a credential is required");
    }
}
