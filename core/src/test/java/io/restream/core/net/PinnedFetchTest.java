package io.restream.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user-given URL is fetched from the address the guard checked, with its own Host, capped and without redirects. */
class PinnedFetchTest {
    private static final Set<String> HTTP = Set.of("http");
    private HttpServer server;
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/small", ex -> {
            requests.incrementAndGet();
            hosts.add(ex.getRequestHeaders().getFirst("Host"));
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/big", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 64; i++) ex.getResponseBody().write(chunk);
            } catch (IOException closedByTheClient) {
                // expected once the cap is passed
            }
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            requests.incrementAndGet();
            ex.getResponseHeaders().add("Location", "/small");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Test
    void fetchesFromTheCheckedAddressWithTheUrlsOwnHost() throws Exception {
        try (PinnedFetch fetch = new PinnedFetch(new UrlGuard(true, Set.of()))) {
            PinnedFetch.Response r = fetch.get("topBanner", url("localhost", "/small"), HTTP, 1024, Duration.ofSeconds(5));
            assertEquals(200, r.status());
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), r.body());
            assertEquals("localhost:" + server.getAddress().getPort(), hosts.get(0), "the Host header names the URL's host");
        }
    }

    @Test
    void aRefusedHostIsNeverConnectedTo() throws Exception {
        try (PinnedFetch fetch = new PinnedFetch(new UrlGuard(false, Set.of()))) {
            for (String host : List.of("localhost", "127.0.0.1", "0177.0.0.1", "[::1]")) {
                IOException e = assertThrows(IOException.class,
                        () -> fetch.get("topBanner", url(host, "/small"), HTTP, 1024, Duration.ofSeconds(5)), host);
                assertTrue(e.getMessage().startsWith("topBanner refused"), e.getMessage());
            }
        }
        assertEquals(0, requests.get(), "the loopback server saw no request");
    }

    @Test
    void bodiesOverTheCapAndRedirectsAreNotTaken() throws Exception {
        try (PinnedFetch fetch = new PinnedFetch(new UrlGuard(true, Set.of()))) {
            IOException big = assertThrows(IOException.class,
                    () -> fetch.get("topBanner", url("127.0.0.1", "/big"), HTTP, 100_000, Duration.ofSeconds(10)));
            assertTrue(big.getMessage().contains("larger than 100000 bytes"), big.getMessage());
            PinnedFetch.Response redirect = fetch.get("topBanner", url("127.0.0.1", "/redirect"), HTTP, 1024, Duration.ofSeconds(5));
            assertEquals(302, redirect.status(), "the redirect is answered, not followed");
            assertTrue(hosts.isEmpty(), "/small was never requested");
        }
    }
}
