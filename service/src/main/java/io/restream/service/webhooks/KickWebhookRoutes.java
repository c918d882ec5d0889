package io.restream.service.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.chat.ChatKeys;
import io.restream.core.chat.ChatLog;
import io.restream.core.error.ApiException;
import io.restream.core.json.Json;
import io.restream.core.model.UserRef;
import io.restream.platforms.kick.KickWebhooks;
import io.restream.service.ServiceContext;
import io.restream.service.http.Handlers;
import io.restream.service.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/kick}: Kick's event deliveries. The signature is checked against Kick's
 * public key before anything else ({@code 401 invalid_signature}, nothing stored); a
 * {@code chat.message.sent} is then routed by the broadcaster's user id to the user whose live job
 * subscribed it (the chat aggregator keeps that route while the job runs) and stored once.
 * Deliveries for no live job are acknowledged and dropped, so Kick does not count them as failures.
 */
public final class KickWebhookRoutes implements RouteModule {
    private static final Logger log = LoggerFactory.getLogger(KickWebhookRoutes.class);

    private final ServiceContext ctx;
    private final ChatLog chat;

    public KickWebhookRoutes(ServiceContext ctx) {
        this.ctx = ctx;
        this.chat = new ChatLog(ctx.redis());
    }

    @Override
    public void mount(Router router) {
        router.post("/webhooks/kick").handler(Handlers.async(this::onDelivery));
    }

    private Future<?> onDelivery(RoutingContext rc) {
        Optional<KickWebhooks> verifier = ctx.platforms().chat().kickWebhooks();
        if (verifier.isEmpty()) throw new ApiException(404, "not_found", "Kick chat is not configured on this service");
        String messageId = rc.request().getHeader("Kick-Event-Message-Id");
        String timestamp = rc.request().getHeader("Kick-Event-Message-Timestamp");
        String signature = rc.request().getHeader("Kick-Event-Signature");
        byte[] body = rc.body() == null || rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
        return Handlers.await(rc, verifier.get().verify(messageId, timestamp, body, signature)).compose(valid -> {
            if (!valid) {
                log.info("refused a Kick webhook with a bad or stale signature");
                throw new ApiException(401, "invalid_signature", "The Kick-Event-Signature does not verify");
            }
            if (!"chat.message.sent".equals(rc.request().getHeader("Kick-Event-Type"))) return ack(rc);
            Optional<KickWebhooks.ChatMessage> message = KickWebhooks.parse(messageId, body);
            if (message.isEmpty()) return ack(rc);
            String route = ChatKeys.webhookRoute("kick", message.get().broadcasterUserId());
            return Handlers.await(rc, ctx.redis().async().get(route)).compose(target -> {
                if (target == null) return ack(rc);
                JsonNode t = Json.read(target, JsonNode.class);
                UserRef user = new UserRef(t.path("cid").asText(), t.path("uid").asText());
                return Handlers.await(rc, chat.append(user, message.get().comment())).compose(id -> ack(rc));
            });
        });
    }

    private static Future<Void> ack(RoutingContext rc) {
        return rc.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8").end("{\"ok\":true}");
    }
}
