package io.restream.sdk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code connect(platform, openBrowser)} as a native app uses it: a loopback returnUrl, the
 * simulator's consent page answered by a test browser, the confirmation step, the new connection.
 */
class StudioConnectIT {
    static final Sandbox sandbox = Sandbox.get();

    @Test
    void connectCompletesThroughTheConsentPageAndTheLoopbackReturn() throws Exception {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "conn_" + Tokens.random(5);
        try (RestreamStudio studio = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId(user).build())) {
            studio.start();
            AtomicReference<URI> opened = new AtomicReference<>();
            AtomicReference<CompletableFuture<HttpResponse<String>>> browsing = new AtomicReference<>();
            CompletableFuture<Connection> linked = studio.connect("twitch", uri -> {
                opened.set(uri);
                browsing.set(CompletableFuture.supplyAsync(() -> new TestBrowser().signIn(uri, "native_streamer", true)));
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> browsing.get() != null);
            HttpResponse<String> last = browsing.get().get(90, TimeUnit.SECONDS); // a failing browser shows here, not as a timeout
            Connection c = linked.get(30, TimeUnit.SECONDS);
            assertEquals("twitch", c.id());
            assertEquals("native_streamer", c.platformUsername());
            assertFalse(c.needsReconnect());
            assertTrue(opened.get().toString().startsWith(sandbox.apiBase + "/oauth/twitch/start"), opened.get().toString());
            assertTrue(last.uri().toString().startsWith("http://127.0.0.1:"), "the browser came back to the loopback listener: " + last.uri());
            assertTrue(last.body().contains("twitch is connected"), last.body());
            assertFalse(last.uri().getQuery() == null || !last.uri().getQuery().contains("confirmation="));
            assertEquals(List.of("twitch"), studio.connections().stream().map(Connection::id).toList(), "the snapshot has it at once");
        }
    }

    @Test
    void deniedConsentFailsTheFutureAndLinksNothing() throws Exception {
        Sandbox.Tenant t = sandbox.newTenant();
        String user = "deny_" + Tokens.random(5);
        try (RestreamStudio studio = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId(user).build())) {
            studio.start();
            AtomicReference<CompletableFuture<HttpResponse<String>>> browsing = new AtomicReference<>();
            CompletableFuture<Connection> linked = studio.connect("kick",
                    uri -> browsing.set(CompletableFuture.supplyAsync(() -> new TestBrowser().signIn(uri, "nope", false))));
            await().atMost(Duration.ofSeconds(30)).until(() -> browsing.get() != null);
            HttpResponse<String> last = browsing.get().get(90, TimeUnit.SECONDS);
            assertTrue(last.uri().toString().startsWith("http://127.0.0.1:") && last.uri().getQuery().contains("error="), last.uri().toString());
            ExecutionException e = assertThrows(ExecutionException.class, () -> linked.get(90, TimeUnit.SECONDS));
            RestreamException re = assertInstanceOf(RestreamException.class, e.getCause());
            assertEquals("access_denied", re.code());
            assertEquals(List.of(), studio.listConnections());
        }
    }
}
