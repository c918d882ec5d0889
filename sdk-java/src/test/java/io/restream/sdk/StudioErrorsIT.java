package io.restream.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Errors as callers see them: the API's status and code, and status 0 within the timeout when nothing answers. */
class StudioErrorsIT {
    static final Sandbox sandbox = Sandbox.get();

    @Test
    void goLiveToAnUnconnectedPlatformIs400NotConnectedAndValidationNamesTheField() {
        Sandbox.Tenant t = sandbox.newTenant();
        try (RestreamStudio studio = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId("u_" + Tokens.random(5)).build())) {
            studio.start();
            assertTrue(studio.job().isEmpty(), "a user without jobs: the service answers 404 no_job, the snapshot is empty");
            RestreamException e = assertThrows(RestreamException.class, () -> studio.goLive(GoLive.to("demo-x", List.of("twitch"))));
            assertEquals(400, e.status());
            assertEquals("not_connected", e.code());
            RestreamException invalid = assertThrows(RestreamException.class, () -> studio.goLive(GoLive.to("bad id!", List.of("twitch"))));
            assertEquals("validation_failed", invalid.code());
            assertTrue(invalid.fields().containsKey("publisherSessionId"), invalid.fields().toString());
            assertEquals("no_job", assertThrows(RestreamException.class, studio::refreshJob).code());
        }
    }

    @Test
    void aPublishableKeyFromAnOriginNotOnItsListIs403OriginNotAllowed() {
        Sandbox.Tenant t = sandbox.newTenant();
        RestreamOptions wrong = sandbox.options().publishableKey(t.publishableKey()).userId("u1").origin("https://evil.example.com").build();
        try (RestreamStudio studio = RestreamStudio.create(wrong)) {
            RestreamException e = assertThrows(RestreamException.class, studio::start);
            assertEquals(403, e.status());
            assertEquals("origin_not_allowed", e.code());
        }
        RestreamOptions right = sandbox.options().publishableKey(t.publishableKey()).userId("u1").origin("http://localhost:3000").build();
        try (RestreamStudio studio = RestreamStudio.create(right)) {
            studio.start();
            assertEquals(List.of(), studio.connections(), "the listed origin is let in");
        }
    }

    @Test
    void aDeadServerIsStatusZeroWithinTheTimeout() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RestreamOptions o = RestreamOptions.builder(URI.create("http://127.0.0.1:" + closedPort)).secretKey("sk_live_x").userId("u")
                .timeout(Duration.ofSeconds(2)).build();
        try (RestreamStudio studio = RestreamStudio.create(o)) {
            long t0 = System.nanoTime();
            RestreamException e = assertThrows(RestreamException.class, studio::start);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, e.status());
            assertTrue(ms < 2_000 + 1_500, "took " + ms + " ms");
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsStatusZeroWithinTheTimeoutPlusOneAndAHalfSeconds() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept()); // read nothing, answer nothing
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            RestreamOptions o = RestreamOptions.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort())).secretKey("sk_live_x").userId("u")
                    .timeout(Duration.ofSeconds(2)).build();
            try (RestreamStudio studio = RestreamStudio.create(o)) {
                for (Runnable action : List.<Runnable>of(studio::start, () -> studio.sendChat("hello"), studio::stopLive)) {
                    long t0 = System.nanoTime();
                    RestreamException e = assertThrows(RestreamException.class, action::run);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertEquals(0, e.status());
                    assertEquals("timeout", e.code());
                    assertTrue(ms >= 1_900 && ms < 2_000 + 1_500, "took " + ms + " ms");
                }
                assertTrue(!held.isEmpty(), "the requests did reach the silent server");
            }
        } finally {
            for (Socket s : held) s.close();
        }
    }
}
