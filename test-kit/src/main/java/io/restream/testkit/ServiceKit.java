package io.restream.testkit;

import io.restream.core.config.Problems;
import io.restream.core.connections.ConnectionStore;
import io.restream.core.crypto.Tokens;
import io.restream.core.model.UserRef;
import io.restream.platforms.ChatAdapters;
import io.restream.platforms.ChatEndpoints;
import io.restream.platforms.OAuthConfig;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.TestApi;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real API in-process for a test class (sandbox settings, port 0, the one test secrets key, the
 * kit's Redis), with the platform adapters the test needs: none ({@link #pastedOnly()}), the
 * simulator's chat ({@link #withChat}), or every OAuth platform at the simulator as the launcher
 * wires them ({@link #withPlatforms}).
 */
public final class ServiceKit extends Kit {
    private enum Adapters { PASTED, CHAT, PLATFORMS }

    private final Adapters kind;
    private final SimulatorKit sim;
    private final Map<String, String> env = new HashMap<>();
    private final RedisKit redis = new RedisKit();
    private Vertx vertx;
    private TestApi api;
    private PlatformAdapters adapters;
    private OAuthConfig oauthConfig;
    private ConnectionStore connections;

    private ServiceKit(Adapters kind, SimulatorKit sim) {
        this.kind = kind;
        this.sim = sim;
    }

    public static ServiceKit pastedOnly() {
        return new ServiceKit(Adapters.PASTED, null);
    }

    /** Chat, send and viewer adapters pointed at {@code sim} (a {@link SimulatorKit#chat} one will do). */
    public static ServiceKit withChat(SimulatorKit sim) {
        return new ServiceKit(Adapters.CHAT, sim);
    }

    /** Every OAuth platform configured at {@code sim} (a {@link SimulatorKit#full} one), as in sandbox mode. */
    public static ServiceKit withPlatforms(SimulatorKit sim) {
        return new ServiceKit(Adapters.PLATFORMS, sim);
    }

    /** An extra setting over the test defaults; before start. */
    public ServiceKit with(String key, String value) {
        env.put(key, value);
        return this;
    }

    @Override
    protected void doStart() {
        redis.start();
        vertx = Vertx.vertx();
        if (sim != null) sim.start();
        adapters = switch (kind) {
            case PASTED -> PlatformAdapters.pastedOnly();
            case CHAT -> PlatformAdapters.pastedOnly().withChat(ChatAdapters.forPlatforms(ChatEndpoints.simulator(sim.baseUrl())));
            case PLATFORMS -> {
                Problems problems = new Problems();
                oauthConfig = OAuthConfig.from(io.restream.core.config.Settings.of(env), problems, true, Optional.of(sim.baseUrl()));
                problems.throwIfAny();
                yield null; // needs the API's connection store: built below
            }
        };
        if (kind == Adapters.PLATFORMS) {
            connections = new ConnectionStore(redis.redis(), io.restream.core.testing.TestSecrets.box());
            adapters = PlatformAdapters.create(oauthConfig, connections);
        }
        api = new TestApi(env, redis.redis(), adapters, vertx);
        if (connections == null) connections = new ConnectionStore(redis.redis(), api.box);
    }

    /** The API: {@code base}, {@code call}, {@code admin}, {@code newTenant}, … */
    public TestApi api() {
        requireStarted();
        return api;
    }

    public String base() {
        return api().base;
    }

    public PlatformAdapters adapters() {
        requireStarted();
        return adapters;
    }

    /** The sandbox OAuth configuration ({@link #withPlatforms} only). */
    public OAuthConfig oauthConfig() {
        requireStarted();
        if (oauthConfig == null) throw new IllegalStateException("only withPlatforms(sim) configures OAuth");
        return oauthConfig;
    }

    public ConnectionStore connections() {
        requireStarted();
        return connections;
    }

    public RedisKit redisKit() {
        return redis;
    }

    public Vertx vertx() {
        requireStarted();
        return vertx;
    }

    /** A user of a fresh client with a secret key (every scope): the headers a client backend sends. */
    public User newUser() {
        TestApi.Tenant t = api().newTenant();
        String userId = "u_" + Tokens.random(8);
        return new User(new UserRef(t.clientId(), userId), t.as(userId));
    }

    /** A user: its reference and the API headers that act as it. */
    public record User(UserRef ref, Map<String, String> headers) {
        public User {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    /** An API call as {@code user} (null: no credentials). */
    public Http.Res call(String method, String path, User user, Object body) {
        return Http.call(method, base() + path, user == null ? Map.of() : user.headers(), body);
    }

    @Override
    protected void doClose() {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        redis.close();
    }
}
