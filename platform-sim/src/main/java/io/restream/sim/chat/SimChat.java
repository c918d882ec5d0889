package io.restream.sim.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The chat and viewer parts of the simulator, mounted into its router with {@link #mount}.
 *
 * <pre>
 * POST /sim/{platform}/chat     { author, message, channel?, redeliver? } → { id }  a viewer writes
 * GET  /sim/{platform}/chat/sent                                          what the service posted
 * PUT  /sim/{platform}/viewers  { count }                                 set the viewer count
 * PUT  /sim/{platform}/chat/fail { fail }                                 make the send API refuse
 * PUT  /sim/kick/webhook        { url }                                   the app's webhook URL (Kick's app settings)
 * POST /sim/twitch/eventsub/reconnect | /revoke | /silence { seconds }     EventSub faults
 * GET  /sim/twitch/eventsub/sessions, /sim/youtube/chats, /sim/facebook/chat/streams   open chat sessions
 * PUT  /sim/youtube/chat/polling { millis }                               the pollingIntervalMillis pages ask for
 * </pre>
 */
public final class SimChat {
    private final Map<String, PlatformChatSim> platforms = new LinkedHashMap<>();

    /**
     * How the chat simulator behaves.
     *
     * @param twitchKeepaliveSeconds the EventSub keepalive the welcome announces
     * @param youtubePollingMs the {@code pollingIntervalMillis} YouTube's chat pages ask for
     * @param standalone also answer {@code GET liveBroadcasts?id=} (the live chat id) itself: for
     *     running without the rest of the simulator, whose YouTube API answers it otherwise
     */
    public record Options(long twitchKeepaliveSeconds, long youtubePollingMs, boolean standalone) {
        public static final Options DEFAULTS = new Options(10, 5_000, false);
    }

    /**
     * @param kickWebhookUrl where Kick posts events (in Kick this is the app's setting); may be
     *     null until known, or changed later with {@code PUT /sim/kick/webhook}
     */
    public SimChat(Vertx vertx, SimAuth auth, Supplier<String> kickWebhookUrl) {
        this(vertx, auth, kickWebhookUrl, Options.DEFAULTS);
    }

    /** @param auth which tokens each platform honours: the simulator's own ({@link #tokensOf}) or {@link SimAuth#ANY} */
    public SimChat(Vertx vertx, SimAuth auth, Supplier<String> kickWebhookUrl, Options options) {
        platforms.put("twitch", new TwitchChatSim(vertx, auth, options.twitchKeepaliveSeconds()));
        platforms.put("kick", new KickChatSim(vertx, auth, kickWebhookUrl));
        platforms.put("facebook", new FacebookChatSim(auth));
        platforms.put("youtube", new YouTubeChatSim(auth, options.youtubePollingMs(), options.standalone()));
    }

    /** The tokens the simulator's OAuth servers issued and have not revoked or let expire. */
    public static SimAuth tokensOf(io.restream.sim.state.SimState state) {
        return (platform, token) -> token != null && state.platform(platform).authenticate(token).isPresent();
    }

    /**
     * What {@code POST /sim/:platform/chat} does, for a driver in the same JVM (bench/chat): the
     * viewer's message goes out to the platform's chat sessions without an HTTP round trip of its
     * own. Call it on the simulator's event loop.
     *
     * @return the platform's message id
     */
    public Future<String> say(String platform, String channel, String author, String message) {
        PlatformChatSim p = platforms.get(platform);
        if (p == null) return Future.failedFuture("no simulated chat for " + platform);
        return p.say(channel, author, message, false);
    }

    /**
     * Mounts the chat routes. Mount before the simulator's Graph API routes: the Facebook
     * {@code GET /{video}?fields=live_views} is answered here and everything else passed on.
     */
    public void mount(Router router) {
        platforms.values().forEach(p -> p.mount(router));
        router.post("/sim/:platform/chat").handler(rc -> withPlatform(rc, p -> SimBodies.json(rc).onSuccess(body -> {
            String author = body.path("author").asText("viewer");
            String message = body.path("message").asText("");
            String channel = body.hasNonNull("channel") ? body.get("channel").asText() : null;
            p.say(channel, author, message, body.path("redeliver").asBoolean(false))
                    .onSuccess(id -> SimBodies.reply(rc, 200, Map.of("id", id)))
                    .onFailure(e -> SimBodies.reply(rc, 502, Map.of("error", String.valueOf(e.getMessage()))));
        }).onFailure(e -> SimBodies.reply(rc, 400, Map.of("error", "invalid JSON")))));
        router.get("/sim/:platform/chat/sent").handler(rc -> withPlatform(rc, p -> SimBodies.reply(rc, 200, p.sent())));
        router.put("/sim/:platform/viewers").handler(rc -> withPlatform(rc, p -> SimBodies.json(rc).onSuccess(body -> {
            p.viewers(body.path("count").asLong(0));
            SimBodies.reply(rc, 200, Map.of("count", body.path("count").asLong(0)));
        })));
        router.put("/sim/:platform/chat/fail").handler(rc -> withPlatform(rc, p -> SimBodies.json(rc).onSuccess(body -> {
            p.failSends(body.path("fail").asBoolean(true));
            SimBodies.reply(rc, 200, Map.of("fail", body.path("fail").asBoolean(true)));
        })));
    }

    private void withPlatform(RoutingContext rc, java.util.function.Consumer<PlatformChatSim> action) {
        PlatformChatSim p = platforms.get(rc.pathParam("platform"));
        if (p == null) {
            rc.next(); // not a chat platform here: let the rest of the simulator answer
            return;
        }
        action.accept(p);
    }
}
