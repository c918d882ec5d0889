package io.restream.sim;

import io.restream.sim.api.FacebookApiSim;
import io.restream.sim.api.IngestAddresses;
import io.restream.sim.api.KickApiSim;
import io.restream.sim.api.TwitchApiSim;
import io.restream.sim.api.YouTubeApiSim;
import io.restream.sim.control.SimControl;
import io.restream.sim.ingest.IngestServer;
import io.restream.sim.ingest.Ingests;
import io.restream.sim.ingest.SelfSignedTls;
import io.restream.sim.oauth.SimOAuth;
import io.restream.sim.state.SimState;
import io.restream.sim.webrtc.CallsSim;
import io.restream.sim.webrtc.WebRtcPublishers;
import io.restream.sim.webrtc.WhepSim;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated Twitch, YouTube, Kick, Facebook and Instagram for local runs, the demo and tests: the
 * platforms' OAuth servers and REST APIs at their real paths below {@code /<platform>/…} (see
 * {@code docs/PLATFORMS.md}), RTMP and RTMPS ingest that inspects what arrives, and the control API
 * under {@code /sim/…}.
 *
 * <pre>
 * twitch    /twitch/oauth2/{authorize,token,validate,revoke}  /twitch/helix/…  /twitch/ingests
 * youtube   /youtube/o/oauth2/v2/auth  /youtube/token  /youtube/revoke  /youtube/youtube/v3/…
 * kick      /kick/oauth/{authorize,token,revoke}  /kick/public/v1/…
 * facebook  /facebook/www/v23.0/dialog/oauth  /facebook/graph/v23.0/…
 * webrtc    /whep/{id} (WHEP)  /v1/apps/{appId}/sessions/… (Cloudflare Realtime); publishers webrtc-…
 * </pre>
 */
public final class PlatformSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlatformSimulator.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final IngestServer ingest;
    private final SimState state;
    private final Ingests ingests;
    private final String host;
    private final WebRtcPublishers webrtc;

    private PlatformSimulator(Vertx vertx, HttpServer server, IngestServer ingest, SimState state, Ingests ingests, String host,
                              WebRtcPublishers webrtc) {
        this.webrtc = webrtc;
        this.vertx = vertx;
        this.server = server;
        this.ingest = ingest;
        this.state = state;
        this.ingests = ingests;
        this.host = host;
    }

    public static PlatformSimulator start(SimConfig config) {
        Vertx vertx = Vertx.vertx();
        IngestServer ingest = null;
        try {
            SimState state = new SimState(config.autoApprove());
            Ingests ingests = new Ingests(state);
            ingest = IngestServer.start(config.host(), config.rtmpPort(), config.rtmpsPort(), SelfSignedTls.create(), ingests);
            IngestAddresses addresses = new IngestAddresses(config.host(), ingest.rtmpPort(), ingest.rtmpsPort());
            WebRtcPublishers webrtc = new WebRtcPublishers();
            Router router = router(vertx, state, ingests, addresses);
            new WhepSim(vertx, webrtc).mount(router);
            new CallsSim(vertx, webrtc).mount(router);
            HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host()));
            if (config.portFile().isPresent()) {
                Files.createDirectories(config.portFile().get().getParent());
                Files.writeString(config.portFile().get(), Integer.toString(server.actualPort()));
            }
            log.info("platform simulator on http://{}:{} (RTMP {}, RTMPS {}, auto-approve {})", config.host(), server.actualPort(),
                    ingest.rtmpPort(), ingest.rtmpsPort(), config.autoApprove());
            return new PlatformSimulator(vertx, server, ingest, state, ingests, config.host(), webrtc);
        } catch (Exception e) {
            if (ingest != null) ingest.close();
            vertx.close();
            throw new IllegalStateException("the platform simulator could not start: " + e.getMessage(), e);
        }
    }

    /** The one router: body parsing for writes, each platform, the control API, then chat. */
    private static Router router(Vertx vertx, SimState state, Ingests ingests, IngestAddresses addresses) {
        Router router = Router.router(vertx);
        // Only writes carry bodies; GETs stay untouched so that WebSocket upgrades still work.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1024 * 1024);
        router.post().handler(body);
        router.put().handler(body);
        router.patch().handler(body);
        router.delete().handler(body);
        // The control API of docs/DESIGN.md §6 first, so that its paths (e.g. /sim/facebook/streams) win.
        new SimControl(state, ingests).mount(router);
        // Chat and viewers before the platform APIs: they answer Graph ?fields=live_views and pass every other request on.
        // Kick's webhook URL (an app setting at Kick) is set with PUT /sim/kick/webhook {url}.
        new io.restream.sim.chat.SimChat(vertx, io.restream.sim.chat.SimChat.tokensOf(state), () -> null).mount(router);
        SimOAuth oauth = new SimOAuth(state);
        oauth.mount(router);
        vertx.setPeriodic(60_000, id -> oauth.sweep());
        new TwitchApiSim(state, addresses).mount(router);
        YouTubeApiSim youtube = new YouTubeApiSim(vertx, state, addresses);
        youtube.mount(router);
        ingests.listen(youtube);
        new KickApiSim(state, addresses).mount(router);
        FacebookApiSim facebook = new FacebookApiSim(state, addresses);
        facebook.mount(router);
        ingests.listen(facebook);
        return router;
    }

    public int port() { return server.actualPort(); }
    public String baseUrl() { return "http://" + host + ":" + port(); }
    public int rtmpPort() { return ingest.rtmpPort(); }
    public int rtmpsPort() { return ingest.rtmpsPort(); }

    /** Accounts, tokens and platform objects, for the chat simulator and tests. */
    public SimState state() { return state; }

    public Ingests ingests() { return ingests; }

    public Vertx vertx() { return vertx; }

    /** The simulated WebRTC publishers (WHEP and Cloudflare Realtime) and what receivers did with them. */
    public WebRtcPublishers webrtc() { return webrtc; }

    @Override
    public void close() {
        ingest.close();
        webrtc.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("simulator did not close cleanly: {}", e.toString());
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
