package io.restream.service.hooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.restream.core.net.UrlGuard;
import io.restream.service.TestApi;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks over HTTPS, against real TLS servers on loopback with certificates made here by keytool:
 * a receiver whose certificate is trusted and names the URL's host gets the event, signed as
 * API.md §Webhooks says (checked here with an HMAC of our own, not {@link Signature}); a certificate
 * that is not trusted, or that names another host, is a failed attempt with a reason (no request
 * reaches the receiver), never an exception; through the API, such a delivery is recorded as
 * {@code pending} with the error and retried, and the node keeps answering.
 */
class WebhookTlsIT {
    private static final String PASSWORD = "test-only";
    private static final Set<String> HTTPS = Set.of("https");
    private static final String SECRET = "whsec_tls_test";
    @TempDir static Path dir;
    static Vertx vertx;
    static Receiver localhost;
    static Receiver otherName;
    static PfxOptions trusted;
    static PfxOptions trustedOtherName;

    /** An HTTPS server on 127.0.0.1 with its own self-signed certificate; records what reaches it. */
    record Receiver(HttpsServer server, List<String[]> got) {
        String url() { return "https://localhost:" + server.getAddress().getPort() + "/hook"; }
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path local = keystore("localhost", "SAN=dns:localhost,ip:127.0.0.1");
        Path other = keystore("other", "SAN=dns:tls.restream.test");
        trusted = new PfxOptions().setPath(local.toString()).setPassword(PASSWORD);
        trustedOtherName = new PfxOptions().setPath(other.toString()).setPassword(PASSWORD);
        localhost = serve(local);
        otherName = serve(other);
    }

    @AfterAll
    static void stop() throws Exception {
        if (localhost != null) localhost.server().stop(0);
        if (otherName != null) otherName.server().stop(0);
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aTrustedReceiverGetsTheEventSignedAsTheContractSays() throws Exception {
        localhost.got().clear();
        WebhookSender sender = new WebhookSender(vertx, new UrlGuard(true, Set.of()), HTTPS, trusted);
        String body = "{\"id\":\"evt_tls\",\"type\":\"job.running\",\"createdAt\":1,\"userId\":\"u\",\"data\":{}}";
        long t = System.currentTimeMillis() / 1000;
        WebhookSender.Outcome outcome = sender.send(localhost.url(), Signature.header(SECRET, t, body), body)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        sender.close();
        assertEquals(200, outcome.status(), "error: " + outcome.error());
        assertNull(outcome.error());
        assertEquals(1, localhost.got().size());
        String[] got = localhost.got().get(0);
        assertEquals(body, got[1], "the body as sent");
        assertEquals("t=" + t + ",v1=" + hmacSha256(SECRET, t + "." + body), got[0], "Restream-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t.body)>");
        assertEquals("application/json; charset=utf-8", got[2]);
    }

    @Test
    void anUntrustedCertificateOrOneForAnotherHostIsAFailedAttemptNotACrash() throws Exception {
        localhost.got().clear();
        otherName.got().clear();
        WebhookSender jdkTrust = new WebhookSender(vertx, new UrlGuard(true, Set.of()), HTTPS);
        WebhookSender.Outcome untrusted = jdkTrust.send(localhost.url(), Signature.header(SECRET, 1, "{}"), "{}")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        jdkTrust.close();
        System.out.println("[measure] untrusted certificate: " + untrusted);
        assertEquals(0, untrusted.status());
        assertTrue(untrusted.error().startsWith("TLS: ") && untrusted.error().contains("certification path"), untrusted.error());

        WebhookSender trustsOther = new WebhookSender(vertx, new UrlGuard(true, Set.of()), HTTPS, trustedOtherName);
        String wrongHost = "https://localhost:" + otherName.server().getAddress().getPort() + "/hook";
        WebhookSender.Outcome mismatch = trustsOther.send(wrongHost, Signature.header(SECRET, 1, "{}"), "{}")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        trustsOther.close();
        System.out.println("[measure] certificate for another host: " + mismatch);
        assertEquals(0, mismatch.status(), "a trusted certificate that does not name the host is refused");
        assertTrue(mismatch.error().startsWith("TLS: ") && mismatch.error().contains("localhost"), mismatch.error());
        assertEquals(0, localhost.got().size() + otherName.got().size(), "no request got through");
    }

    @Test
    void throughTheApiAnUntrustedReceiverIsRecordedAsAFailedAttemptAndRetried() {
        localhost.got().clear();
        try (TestApi api = new TestApi()) {
            TestApi.Tenant tenant = api.newTenant();
            TestApi.Res created = api.admin("POST", "/api/v1/admin/clients/" + tenant.clientId() + "/webhooks",
                    Map.of("url", localhost.url(), "events", List.of("job.queued")));
            assertEquals(201, created.status(), created.text());
            String hookId = created.json().path("id").asText();
            Map<String, String> user = tenant.as("tls_user");
            assertEquals(201, api.connectCustom(user, "a", "rtmp://127.0.0.1:1935/a").status());
            assertEquals(201, api.goLive(user, List.of("custom:a")).status());

            JsonNode entry = await("an attempt recorded").atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode log = api.admin("GET", "/api/v1/admin/webhooks/" + hookId + "/deliveries", null).json();
                return log.isArray() && log.size() > 0 ? log.get(0) : null;
            }, e -> e != null && e.path("attempts").asInt() >= 1);
            System.out.println("[measure] delivery log entry: " + entry);
            assertEquals("job.queued", entry.path("type").asText());
            assertEquals("pending", entry.path("state").asText(), "retried later, not given up");
            assertTrue(entry.path("lastStatus").asInt(0) == 0, "no HTTP status: " + entry);
            assertTrue(entry.path("lastError").asText().startsWith("TLS: "), "the reason is recorded: " + entry);
            assertTrue(entry.path("nextAttemptAt").asLong() > entry.path("lastAttemptAt").asLong(), "a next attempt is scheduled: " + entry);
            assertEquals(0, localhost.got().size(), "nothing reached the receiver");
            assertEquals(200, api.admin("GET", "/api/v1/admin/clients/" + tenant.clientId() + "/webhooks", null).status(), "the node still answers");
        }
    }

    private static Path keystore(String name, String san) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-ext", san, "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool: " + out);
        assertTrue(Files.size(p12) > 0);
        return p12;
    }

    private static Receiver serve(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        List<String[]> got = new CopyOnWriteArrayList<>();
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            got.add(new String[] {ex.getRequestHeaders().getFirst("Restream-Signature"), body, ex.getRequestHeaders().getFirst("Content-Type")});
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        return new Receiver(server, got);
    }

    private static String hmacSha256(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
