package io.restream.sim.chat;

import io.restream.core.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Kick chat: {@code chat.message.sent} webhooks POSTed to the app's webhook URL, signed with the
 * simulator's RSA key (RSA-SHA256, PKCS#1 v1.5, over {@code messageId.timestamp.body}) whose public
 * half is at {@code GET /kick/public/v1/public-key}; event subscriptions; {@code POST /kick/public/v1/chat}
 * and {@code GET /kick/public/v2/livestreams}.
 */
final class KickChatSim extends PlatformChatSim {
    private final KeyPair keys;
    private final HttpClient client;
    private final Supplier<String> configuredWebhook;
    private volatile String webhookUrl;
    private final Map<String, Map<String, Object>> subscriptions = new ConcurrentHashMap<>();

    private final SimAuth auth;

    KickChatSim(Vertx vertx, SimAuth auth, Supplier<String> webhookUrl) {
        this.auth = auth;
        this.client = vertx.createHttpClient();
        this.configuredWebhook = webhookUrl;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            this.keys = gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void mount(Router router) {
        router.get("/kick/public/v1/public-key").handler(rc -> SimBodies.reply(rc, 200, Map.of("data",
                Map.of("public_key", pem()), "message", "OK")));
        router.post("/kick/public/v1/events/subscriptions").handler(this::onSubscribe);
        router.delete("/kick/public/v1/events/subscriptions").handler(rc -> {
            for (String id : rc.queryParam("id")) subscriptions.remove(id);
            rc.response().setStatusCode(204).end();
        });
        router.get("/kick/public/v1/events/subscriptions").handler(rc -> SimBodies.reply(rc, 200,
                Map.of("data", List.copyOf(subscriptions.values()), "message", "OK")));
        router.post("/kick/public/v1/chat").handler(this::onSend);
        router.get("/kick/public/v2/livestreams").handler(this::onLivestreams);
        router.put("/sim/kick/webhook").handler(rc -> SimBodies.json(rc).onSuccess(body -> {
            webhookUrl = body.path("url").asText(null);
            SimBodies.reply(rc, 200, Map.of("url", String.valueOf(webhookUrl)));
        }));
    }

    private String pem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----";
    }

    private boolean unauthorized(RoutingContext rc) {
        if (auth.valid("kick", SimBodies.bearer(rc))) return false;
        SimBodies.reply(rc, 401, Map.of("message", "Unauthorized"));
        return true;
    }

    private void onSubscribe(RoutingContext rc) {
        if (unauthorized(rc)) return;
        SimBodies.json(rc).onSuccess(body -> {
            String broadcaster = body.path("broadcaster_user_id").asText();
            List<Object> data = new ArrayList<>();
            body.path("events").forEach(e -> {
                String id = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
                Map<String, Object> sub = new LinkedHashMap<>();
                sub.put("id", id);
                sub.put("broadcaster_user_id", broadcaster);
                sub.put("event", e.path("name").asText());
                sub.put("version", e.path("version").asInt(1));
                sub.put("method", body.path("method").asText("webhook"));
                sub.put("created_at", Instant.now().toString());
                subscriptions.put(id, sub);
                data.add(Map.of("name", e.path("name").asText(), "version", e.path("version").asInt(1), "subscription_id", id));
            });
            SimBodies.reply(rc, 200, Map.of("data", data, "message", "OK"));
        });
    }

    @Override
    public Future<String> say(String channel, String author, String message, boolean redeliver) {
        String messageId = "01" + UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, 24);
        String url = webhookUrl != null ? webhookUrl : configuredWebhook.get();
        if (url == null) return Future.failedFuture("no webhook URL is set for the Kick app");
        List<Future<?>> deliveries = new ArrayList<>();
        for (Map<String, Object> sub : subscriptions.values()) {
            if (!"chat.message.sent".equals(sub.get("event"))) continue;
            String broadcaster = String.valueOf(sub.get("broadcaster_user_id"));
            if (channel != null && !channel.equals(broadcaster)) continue;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message_id", messageId);
            body.put("replies_to", null);
            body.put("broadcaster", user(Long.parseLong(broadcaster), "broadcaster" + broadcaster));
            Map<String, Object> sender = user(7_000_000L + Math.abs(author.hashCode() % 1_000_000), author);
            sender.put("identity", Map.of("username_color", "#FF5733", "badges", List.of()));
            body.put("sender", sender);
            body.put("content", message);
            body.put("emotes", List.of());
            body.put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            String eventId = "01" + UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, 24);
            String json = Json.write(body);
            Future<?> first = deliver(url, eventId, String.valueOf(sub.get("id")), json);
            // A retry carries the same event id, timestamp and body, as Kick's at-least-once delivery does.
            deliveries.add(redeliver ? first.compose(v -> deliver(url, eventId, String.valueOf(sub.get("id")), json)) : first);
        }
        return Future.all(deliveries).map(messageId);
    }

    private Future<Integer> deliver(String url, String eventId, String subscriptionId, String body) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String signature = sign(eventId + "." + timestamp + "." + body);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader("Content-Type", "application/json")
                .putHeader("Kick-Event-Message-Id", eventId)
                .putHeader("Kick-Event-Subscription-Id", subscriptionId)
                .putHeader("Kick-Event-Signature", signature)
                .putHeader("Kick-Event-Message-Timestamp", timestamp)
                .putHeader("Kick-Event-Type", "chat.message.sent")
                .putHeader("Kick-Event-Version", "1");
        return client.request(options).compose(req -> req.send(Buffer.buffer(body))).compose(res -> res.body().map(b -> res.statusCode()));
    }

    private String sign(String payload) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> user(long id, String name) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("is_anonymous", false);
        u.put("user_id", id);
        u.put("username", name);
        u.put("is_verified", false);
        u.put("profile_picture", "https://files.kick.com/images/user/" + id + "/profile_image/conversion/default.webp");
        u.put("channel_slug", name.toLowerCase());
        return u;
    }

    private void onSend(RoutingContext rc) {
        if (unauthorized(rc)) return;
        SimBodies.json(rc).onSuccess(body -> {
            if (failSends) {
                SimBodies.reply(rc, 500, Map.of("message", "simulated failure", "data", Map.of()));
                return;
            }
            sent.add(new SentMessage(body.path("broadcaster_user_id").asText(), body.path("content").asText(), System.currentTimeMillis()));
            SimBodies.reply(rc, 200, Map.of("data", Map.of("is_sent", true, "message_id", UUID.randomUUID().toString()), "message", "OK"));
        });
    }

    private void onLivestreams(RoutingContext rc) {
        if (unauthorized(rc)) return;
        String broadcaster = rc.request().getParam("broadcaster_user_id");
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("broadcaster_user_id", broadcaster == null ? 0 : Long.parseLong(broadcaster));
        stream.put("viewer_count", viewers);
        stream.put("started_at", Instant.now().toString());
        SimBodies.reply(rc, 200, Map.of("data", List.of(stream), "message", "OK"));
    }
}
