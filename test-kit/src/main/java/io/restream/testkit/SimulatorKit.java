package io.restream.testkit;

import io.restream.sim.PlatformSimulator;
import io.restream.sim.SimConfig;
import io.restream.sim.chat.SimAuth;
import io.restream.sim.chat.SimChat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The platform simulator for a test class, on loopback port 0: {@link #full()} is the whole
 * simulator (OAuth, APIs, chat, RTMP/RTMPS ingest, which are the tests' RTMP receivers);
 * {@link #chat} is only its chat parts with tighter timings, on their own Vert.x server.
 */
public final class SimulatorKit extends Kit {
    private final SimChat.Options chatOptions;
    private final Supplier<String> kickWebhook;
    private PlatformSimulator sim;
    private Vertx vertx;
    private HttpServer chatServer;
    private String baseUrl;

    private SimulatorKit(SimChat.Options chatOptions, Supplier<String> kickWebhook) {
        this.chatOptions = chatOptions;
        this.kickWebhook = kickWebhook;
    }

    /** The whole simulator, consent pages approved automatically. */
    public static SimulatorKit full() {
        return new SimulatorKit(null, null);
    }

    /** Only the chat parts, any token accepted, Kick's webhooks sent to {@code kickWebhook} (read when sending). */
    public static SimulatorKit chat(SimChat.Options options, Supplier<String> kickWebhook) {
        return new SimulatorKit(options, kickWebhook);
    }

    @Override
    protected void doStart() throws Exception {
        if (chatOptions == null) {
            sim = PlatformSimulator.start(SimConfig.ephemeral(true));
            baseUrl = sim.baseUrl();
            return;
        }
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new SimChat(vertx, SimAuth.ANY, kickWebhook, chatOptions).mount(router);
        chatServer = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        baseUrl = "http://127.0.0.1:" + chatServer.actualPort();
    }

    public String baseUrl() {
        requireStarted();
        return baseUrl;
    }

    /** The whole simulator (not with {@link #chat}). */
    public PlatformSimulator simulator() {
        requireStarted();
        if (sim == null) throw new IllegalStateException("a chat-only simulator has no ingest or OAuth");
        return sim;
    }

    /**
     * An RTMP receiver: the simulator's ingest accepting {@code streamKey} for {@code platform}
     * (as if the platform had issued it); its reception shows at {@code /sim/<platform>/streams}.
     */
    public String rtmpReceiver(String platform, String streamKey) {
        PlatformSimulator s = simulator();
        s.state().registerStreamKey(streamKey, platform, "kit");
        return "rtmp://127.0.0.1:" + s.rtmpPort() + "/app/" + streamKey;
    }

    /** A control or API call at the simulator. */
    public Http.Res call(String method, String path, Object body) {
        return Http.call(method, baseUrl() + path, Map.of(), body);
    }

    @Override
    protected void doClose() {
        if (sim != null) sim.close();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
