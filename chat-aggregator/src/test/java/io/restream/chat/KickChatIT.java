package io.restream.chat;

import io.restream.testkit.ServiceKit;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kick chat: signed webhooks from the simulator to the service, routed to the user's live job. */
class KickChatIT {
    @RegisterExtension
    static final ChatWorld world = ChatWorld.withAggregator();

    private static boolean subscribed(String broadcaster) {
        for (JsonNode s : world.sim("GET", "/kick/public/v1/events/subscriptions", null).json().get("data")) {
            if (s.get("broadcaster_user_id").asText().equals(broadcaster)) return true;
        }
        return false;
    }

    @Test
    void aBadOrStaleSignatureIsRefusedAndNothingIsStored() throws Exception {
        ServiceKit.User u = world.newUser();
        world.connect(u, Platform.KICK, "3002");
        world.runningJob(u, List.of("kick"), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribed("3002"));
        String body = Json.write(Map.of("message_id", "forged-1", "broadcaster", Map.of("user_id", 3002),
                "sender", Map.of("username", "mallory"), "content", "forged", "created_at", Instant.now().toString()));
        PrivateKey stranger = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String now = Instant.now().toString();
        assertEquals(401, post(body, "evt-1", now, sign(stranger, "evt-1." + now + "." + body)).statusCode());
        assertEquals(401, post(body, "evt-2", now, "not-base64!").statusCode());
        assertEquals(401, post(body, "evt-3", now, null).statusCode());
        // A genuine message still goes through, so the refusals above are about the signature alone.
        String id = world.say("kick", "Real", "genuine", false);
        await().atMost(Duration.ofSeconds(3)).until(() -> world.api("GET", "/api/v1/chat/messages", u, null).json().size() == 1);
        JsonNode stored = world.api("GET", "/api/v1/chat/messages", u, null).json();
        assertEquals("kick:" + id, stored.get(0).get("id").asText());
        assertEquals(401, post(body, "evt-4", Instant.now().minus(Duration.ofHours(1)).toString(), "AAAA").statusCode());
    }

    private static HttpResponse<String> post(String body, String eventId, String timestamp, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(world.apiBase() + "/webhooks/kick"))
                .header("Content-Type", "application/json")
                .header("Kick-Event-Message-Id", eventId)
                .header("Kick-Event-Message-Timestamp", timestamp)
                .header("Kick-Event-Type", "chat.message.sent")
                .header("Kick-Event-Version", "1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) b.header("Kick-Event-Signature", signature);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(PrivateKey key, String payload) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(payload.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }
}
