package io.restream.platforms.kick;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import io.restream.core.model.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks and reads Kick's webhook deliveries. Kick signs {@code <Kick-Event-Message-Id>.<Kick-Event-Message-Timestamp>.<raw body>}
 * with RSA-SHA256 (PKCS#1 v1.5) and sends the base64 signature in {@code Kick-Event-Signature};
 * the public key comes from {@code GET public/v1/public-key}, fetched once and again when a
 * signature fails (Kick may rotate it).
 */
public final class KickWebhooks {
    /** Deliveries whose timestamp is further than this from now are refused (replays). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(10);

    /** The key is fetched at most this often. */
    static final long REFETCH_MS = 60_000;

    private final String publicKeyUrl;
    private long fetchedAt;
    private final HttpClient client;
    private volatile CompletableFuture<PublicKey> key;

    /** @param api Kick's API base ({@code https://api.kick.com} or the simulator's) */
    public KickWebhooks(String api, HttpClient client) {
        this.publicKeyUrl = api + "/public/v1/public-key";
        this.client = client;
    }

    /** Whether the delivery is Kick's; never throws for bad input. */
    public CompletionStage<Boolean> verify(String messageId, String timestamp, byte[] body, String signature) {
        if (messageId == null || timestamp == null || signature == null || !fresh(timestamp)) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = publicKey(false).thenCompose(k -> {
            if (check(k, messageId, timestamp, body, signature)) return CompletableFuture.completedFuture(true);
            return publicKey(true).thenApply(fresh -> fresh != k && check(fresh, messageId, timestamp, body, signature));
        });
        // Without Kick's key nothing can be verified: 503, so Kick delivers again later (never a 500).
        return result.handle((ok, e) -> {
            if (e == null) return ok;
            throw new io.restream.core.error.ApiException(503, "unavailable", "Kick's public key cannot be fetched right now; retry later");
        });
    }

    /** A {@code chat.message.sent} body as a comment, with the broadcaster's user id it was sent to. */
    public record ChatMessage(String broadcasterUserId, Comment comment) {}

    public static Optional<ChatMessage> parse(String eventMessageId, byte[] body) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (n == null || !n.path("broadcaster").has("user_id")) return Optional.empty();
        String id = n.path("message_id").asText(eventMessageId);
        JsonNode sender = n.path("sender");
        long ts;
        try {
            ts = Instant.parse(n.path("created_at").asText()).toEpochMilli();
        } catch (RuntimeException e) {
            ts = System.currentTimeMillis();
        }
        Comment c = new Comment("kick:" + id, Platform.KICK, sender.path("username").asText("anonymous"),
                sender.hasNonNull("profile_picture") ? sender.get("profile_picture").asText() : null,
                n.path("content").asText(""), ts);
        return Optional.of(new ChatMessage(n.path("broadcaster").path("user_id").asText(), c));
    }

    private static boolean fresh(String timestamp) {
        try {
            Duration skew = Duration.between(Instant.parse(timestamp), Instant.now()).abs();
            return skew.compareTo(MAX_SKEW) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean check(PublicKey key, String messageId, String timestamp, byte[] body, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The cached key. It is fetched again (a rotation, or after a failed fetch) at most once every
     * {@link #REFETCH_MS}, so bad signatures or an unreachable Kick cannot make us hammer Kick.
     */
    private synchronized CompletableFuture<PublicKey> publicKey(boolean refresh) {
        CompletableFuture<PublicKey> current = key;
        boolean stale = current == null || ((refresh || current.isCompletedExceptionally())
                && System.currentTimeMillis() - fetchedAt >= REFETCH_MS);
        if (!stale) return current;
        fetchedAt = System.currentTimeMillis();
        HttpRequest req = HttpRequest.newBuilder(URI.create(publicKeyUrl)).timeout(Duration.ofSeconds(10)).GET().build();
        key = client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(res -> {
            if (res.statusCode() != 200) throw new IllegalStateException("Kick public key: HTTP " + res.statusCode());
            return decode(Json.read(res.body(), JsonNode.class).path("data").path("public_key").asText());
        });
        return key;
    }

    static PublicKey decode(String pem) {
        String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Kick public key is not an RSA key", e);
        }
    }
}
