package io.restream.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through the pinned connection: the socket goes to the address the guard checked, while
 * TLS still sends the URL's host as SNI and verifies the certificate against that host, so
 * pinning neither breaks virtual hosting nor weakens certificate checks. The server's certificate
 * names {@code tls.restream.test} only; that name and {@code localhost} both resolve to 127.0.0.1
 * (core's surefire points {@code jdk.net.hosts.file} at {@code src/test/resources/hosts}).
 */
class PinnedFetchTlsTest {
    private static final Set<String> HTTPS = Set.of("https");
    private static final String PASSWORD = "test-only";
    private static final String HOST = "tls.restream.test";
    @TempDir static Path dir;
    private static Vertx vertx;
    private static HttpServer server;
    private static PfxOptions store;
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serveTls() throws Exception {
        Path p12 = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=tls.restream.test",
                "-ext", "SAN=dns:tls.restream.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool: " + out);
        assertTrue(Files.size(p12) > 0);
        store = new PfxOptions().setPath(p12.toString()).setPassword(PASSWORD);
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(store).setHost("127.0.0.1"))
                .requestHandler(req -> {
                    seen.add(req.connection().indicatedServerName() + " " + req.getHeader("Host"));
                    req.response().end("secure");
                })
                .listen(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String url(String host) { return "https://" + host + ":" + server.actualPort() + "/x"; }

    @Test
    void theUrlsHostGoesOutAsSniAndTheCertificateIsVerifiedAgainstIt() throws Exception {
        seen.clear();
        try (PinnedFetch fetch = new PinnedFetch(new UrlGuard(true, Set.of()), store)) {
            PinnedFetch.Response r = fetch.get("topBanner", url(HOST), HTTPS, 1024, Duration.ofSeconds(20));
            assertEquals(200, r.status());
            assertEquals("secure", new String(r.body()));
        }
        assertEquals(List.of(HOST + " " + HOST + ":" + server.actualPort()), seen, "SNI and Host name the URL's host");
    }

    @Test
    void aCertificateThatDoesNotNameTheUrlsHostIsRefused() throws Exception {
        seen.clear();
        try (PinnedFetch fetch = new PinnedFetch(new UrlGuard(true, Set.of()), store)) {
            // same server, same pinned address (127.0.0.1), same trusted certificate: only the name differs
            IOException e = assertThrows(IOException.class,
                    () -> fetch.get("topBanner", url("localhost"), HTTPS, 1024, Duration.ofSeconds(20)));
            System.out.println("[tls] host mismatch refused: " + e.getMessage());
        }
        assertTrue(seen.isEmpty(), "no request got through: " + seen);
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        seen.clear();
        try (PinnedFetch fetch = new PinnedFetch(new UrlGuard(true, Set.of()))) {
            IOException e = assertThrows(IOException.class,
                    () -> fetch.get("topBanner", url(HOST), HTTPS, 1024, Duration.ofSeconds(20)));
            System.out.println("[tls] untrusted refused: " + e.getMessage());
        }
        assertTrue(seen.isEmpty(), "no request got through: " + seen);
    }
}
