package io.restream.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stateful Restream controller for one user: live snapshots of the user's connections, current
 * job, viewers and chat, kept current by the event stream, typed {@link StudioListener}s, and the
 * actions (connect, go live, overlay, chat). Mirrors the browser core of {@code restream-sdk}.
 *
 * <pre>{@code
 * try (RestreamStudio studio = RestreamStudio.create(options)) {
 *     studio.listen(new StudioListener() {
 *         public void onComment(Comment c) { System.out.println(c.author() + ": " + c.message()); }
 *     });
 *     studio.start();
 *     studio.goLive(GoLive.to("demo-1", List.of("twitch")));
 * }
 * }</pre>
 *
 * Lifecycle: {@code created --start()--> started --close()--> closed}. Actions block the calling
 * thread (at most the timeout per request) and throw {@link RestreamException}; they work before
 * {@code start()} too. Thread-safe. Every thread the studio starts is a daemon and ends in
 * {@link #close()}.
 */
public final class RestreamStudio implements AutoCloseable {
    private static final AtomicInteger HTTP_THREADS = new AtomicInteger();

    private final RestreamOptions options;
    private final Http http;
    private final Listeners listeners = new Listeners();
    private final StudioState state = new StudioState(listeners);
    private final ScheduledExecutorService timer;
    private final NativeSignIn signIn;
    private volatile List<String> armed = List.of();
    private volatile EventStream stream;
    private boolean closed;

    private RestreamStudio(RestreamOptions options) {
        this.options = options;
        ExecutorService pool = Executors.newCachedThreadPool(r -> daemon(r, "restream-sdk-http-" + HTTP_THREADS.incrementAndGet()));
        this.http = new Http(options, pool);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "restream-sdk-timer"));
        this.signIn = new NativeSignIn(http, RestreamStudio::segment, this::refreshConnectionsQuietly);
    }

    /** A studio for {@code options}; starts nothing until {@link #start()}. */
    public static RestreamStudio create(RestreamOptions options) {
        return new RestreamStudio(Objects.requireNonNull(options, "options"));
    }

    /** Registers a listener; close the returned handle to stop its callbacks. */
    public AutoCloseable listen(StudioListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Loads the connections and the current job, then opens the event stream (which replays the
     * latest 200 comments, then follows live). Returns once both are loaded; a second call does nothing.
     *
     * @throws RestreamException when loading fails (nothing is left running then)
     */
    public void start() {
        synchronized (this) {
            if (closed) throw new IllegalStateException("this studio is closed");
            if (stream != null) return;
            listConnections();
            refreshJobQuietly();
            stream = new EventStream(options, http, state, listeners);
            stream.start();
            EventStream s = stream;
            timer.scheduleWithFixedDelay(s::checkSilence, 5, 5, TimeUnit.SECONDS);
        }
    }

    /** The user's connections, kept current. */
    public List<Connection> connections() { return state.connections(); }

    /** The current job (the newest, active or not); empty when the user has none. */
    public Optional<Job> job() { return state.job(); }

    /** Merged viewer counts of the live job. */
    public Viewers viewers() { return state.viewers(); }

    /** The latest 200 comments, oldest first, each once. */
    public List<Comment> comments() { return state.comments(); }

    /** Fetches the connections now (and updates {@link #connections()}). */
    public List<Connection> listConnections() {
        List<Connection> list = Json.as(http.call("GET", "/api/v1/connections", null), Json.CONNECTIONS);
        state.connections(list);
        return list;
    }

    /**
     * A single-use sign-in URL for an OAuth platform, valid ten minutes, whose outcome is posted to
     * the publishable key's origin (a page that opens it as a popup). Other modes name the opener
     * page with {@link #authorizeUrl(String, String)}; native apps use {@link #connect} instead.
     */
    public URI authorizeUrl(String platform) {
        return authorizeUrl(platform, null);
    }

    /** As {@link #authorizeUrl(String)}, for an opener page at {@code origin} (on one of the client's keys' allowlists). */
    public URI authorizeUrl(String platform, String origin) {
        Map<String, String> body = origin == null ? Map.of() : Map.of("origin", origin);
        return URI.create(http.call("POST", "/api/v1/connections/" + segment(platform) + "/authorize", body).path("authorizeUrl").asText());
    }

    /**
     * Connects an OAuth platform the way a native app should (RFC 8252): listens on a loopback
     * port, hands the sign-in URL to {@code openBrowser} (e.g. {@code Desktop.getDesktop()::browse}),
     * and when the browser comes back, confirms the grant. {@code openBrowser} runs on an SDK thread
     * and must return at once (the browser comes back to a listener on that same thread). Completes with the new connection, or
     * exceptionally with a {@link RestreamException} (consent denied, ten minutes passed, studio closed).
     */
    public CompletableFuture<Connection> connect(String platform, Consumer<URI> openBrowser) {
        return signIn.connect(Objects.requireNonNull(platform, "platform"), Objects.requireNonNull(openBrowser, "openBrowser"));
    }

    /** Connects (or replaces) {@code custom:<name>}: any RTMP/RTMPS URL and stream key. */
    public Connection connectCustom(String name, String url, String streamKey) {
        Connection c = Json.as(http.call("POST", "/api/v1/connections/custom", Map.of("name", name, "url", url, "streamKey", streamKey)), Connection.class);
        refreshConnectionsQuietly();
        return c;
    }

    /** Removes a connection by id ({@code twitch}, {@code custom:studio}, …). */
    public void disconnect(String connectionId) {
        http.call("DELETE", "/api/v1/connections/" + segment(connectionId), null);
        refreshConnectionsQuietly();
    }

    /** Pre-selects the destinations (connection ids) of a later {@code goLive(GoLive.session(id))}. */
    public void arm(List<String> destinations) {
        armed = List.copyOf(destinations);
    }

    /** The destinations armed with {@link #arm}. */
    public List<String> armed() { return armed; }

    /** Starts a job (an active one of this user is superseded); without destinations, the armed ones. */
    public Job goLive(GoLive request) {
        GoLive r = request.destinations() == null ? request.withDestinations(armed) : request;
        return state.job(http.call("POST", "/api/v1/jobs", r));
    }

    /** Stops the current job. */
    public Job stopLive() {
        return state.job(http.call("POST", "/api/v1/jobs/current/stop", null));
    }

    /**
     * Fetches the current job now (and updates {@link #job()}).
     *
     * @throws RestreamException {@code 404 no_job} when the user has none
     */
    public Job refreshJob() {
        try {
            return state.job(http.call("GET", "/api/v1/jobs/current", null));
        } catch (RestreamException e) {
            if ("no_job".equals(e.code())) state.noJob();
            throw e;
        }
    }

    /** Changes the banners of the running output without restarting it; null fields keep their values. */
    public Job updateOverlay(Overlay overlay) {
        return state.job(http.call("PATCH", "/api/v1/jobs/current/overlay", Objects.requireNonNull(overlay, "overlay")));
    }

    /** Sends to the chat of every chat-capable platform of the live job; one result per platform. */
    public List<SendResult> sendChat(String message) {
        return sendChat(message, null);
    }

    /** Sends to the given platforms' chats (null: all of the live job's); one result per platform. */
    public List<SendResult> sendChat(String message, List<String> platforms) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", Objects.requireNonNull(message, "message"));
        if (platforms != null) body.put("platforms", platforms);
        return Json.as(http.call("POST", "/api/v1/chat/messages", body).path("results"), Json.RESULTS);
    }

    /** How many event streams were opened with a ticket (for tests). */
    int ticketsUsed() {
        EventStream s = stream;
        return s == null ? 0 : s.ticketsUsed();
    }

    /** The options this studio was created with. */
    public RestreamOptions options() { return options; }

    /**
     * Ends the event stream, pending sign-ins, and every thread the studio started; listeners get
     * nothing more. Idempotent; actions fail afterwards.
     */
    @Override
    public void close() {
        EventStream s;
        synchronized (this) {
            if (closed) return;
            closed = true;
            s = stream;
        }
        if (s != null) s.close();
        signIn.close();
        timer.shutdownNow();
        http.close();
        listeners.close();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshJobQuietly() {
        try {
            refreshJob();
        } catch (RestreamException e) {
            if (!"no_job".equals(e.code())) throw e;
        }
    }

    /** After a change of connections: the stream reports it too, so a failed refresh here only goes to onError. */
    private void refreshConnectionsQuietly() {
        try {
            listConnections();
        } catch (RestreamException e) {
            listeners.emit(l -> l.onError(e));
        }
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
