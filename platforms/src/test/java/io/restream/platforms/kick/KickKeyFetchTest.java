package io.restream.platforms.kick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restream.core.error.ApiException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Kick's webhook key (issue 11 item 7): a failing key fetch is {@code 503 unavailable} (never a
 * 500), and the key is fetched at most once a minute however many bad signatures or failures come.
 */
class KickKeyFetchTest {
    @Test
    void aFailingKeyFetchIsUnavailableAndBadSignaturesDoNotRefetch() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        AtomicBoolean up = new AtomicBoolean(false);
        var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/kick/public/v1/public-key", ex -> {
            fetches.incrementAndGet();
            byte[] body = up.get() ? ("{\"data\":{\"public_key\":\"" + pem.replace("\n", "\\n") + "\"}}").getBytes(StandardCharsets.UTF_8)
                    : "down".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(up.get() ? 200 : 500, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            KickWebhooks hooks = new KickWebhooks("http://127.0.0.1:" + server.getAddress().getPort() + "/kick",
                    HttpClient.newHttpClient());
            String now = Instant.now().toString();
            for (int i = 0; i < 5; i++) {
                try {
                    hooks.verify("m" + i, now, "{}".getBytes(), "c2ln").toCompletableFuture().join();
                    throw new AssertionError("verified without a key");
                } catch (CompletionException e) {
                    ApiException api = (ApiException) e.getCause();
                    assertEquals(503, api.status());
                    assertEquals("unavailable", api.code());
                }
            }
            assertEquals(1, fetches.get(), "one fetch, not one per delivery");

            // Once Kick is back, bad signatures still fetch nothing new within the minute.
            up.set(true);
            KickWebhooks fresh = new KickWebhooks("http://127.0.0.1:" + server.getAddress().getPort() + "/kick",
                    HttpClient.newHttpClient());
            for (int i = 0; i < 10; i++) {
                assertFalse(fresh.verify("m" + i, now, "{}".getBytes(), "YmFk").toCompletableFuture().join());
            }
            assertEquals(2, fetches.get(), "the second instance fetched once for ten bad signatures");
            assertTrue(KickWebhooks.REFETCH_MS >= 60_000);
        } finally {
            server.stop(0);
        }
    }
}
