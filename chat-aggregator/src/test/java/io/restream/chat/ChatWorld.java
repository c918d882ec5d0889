package io.restream.chat;

import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.crypto.Tokens;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.Connection;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Platform;
import io.restream.core.redis.Redis;
import io.restream.service.events.SseClient;
import io.restream.sim.chat.SimChat;
import io.restream.testkit.Http;
import io.restream.testkit.Kit;
import io.restream.testkit.ServiceKit;
import io.restream.testkit.SimulatorKit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A chat test's world from the test kit: the simulator's chat parts ({@link SimulatorKit#chat}),
 * the API with chat adapters pointed at them ({@link ServiceKit#withChat}), plus chat aggregators
 * and the chat-specific helpers (connections, running jobs, viewers writing). Register it with
 * {@code @RegisterExtension static final ChatWorld world = ChatWorld.withAggregator();} (or
 * {@code new ChatWorld()} to start the aggregators in the test).
 */
final class ChatWorld extends Kit {
    /** The polling interval the simulated YouTube chat asks for. */
    static final long YOUTUBE_POLL_MS = 1_000;

    final ServiceKit service;
    final SimulatorKit simulator;
    private final List<ChatRole> aggregators = new ArrayList<>();
    private final List<String> jobIds = new ArrayList<>();
    private final boolean withAggregator;
    private JobStore jobs;

    /** A world without aggregators: the test starts them ({@link #startAggregator}). */
    ChatWorld() {
        this(false);
    }

    /** A world with one aggregator (3 s lease), started with the world: what most chat tests need. */
    static ChatWorld withAggregator() {
        return new ChatWorld(true);
    }

    private ChatWorld(boolean withAggregator) {
        this.withAggregator = withAggregator;
        ServiceKit[] api = new ServiceKit[1];
        simulator = SimulatorKit.chat(new SimChat.Options(2, YOUTUBE_POLL_MS, true), () -> api[0].base() + "/webhooks/kick");
        service = ServiceKit.withChat(simulator);
        api[0] = service;
    }

    @Override
    protected void doStart() {
        service.start();
        jobs = new JobStore(redis());
        if (withAggregator) startAggregator(3_000);
    }

    Redis redis() {
        return service.redisKit().redis();
    }

    String apiBase() {
        return service.base();
    }

    ChatRole startAggregator(long leaseMs) {
        ChatRole role = new ChatRole(new ChatConfig("chat_" + Tokens.random(6), leaseMs, 200, 500), redis(), service.api().box, service.adapters());
        role.start();
        aggregators.add(role);
        return role;
    }

    ServiceKit.User newUser() {
        return service.newUser();
    }

    /** Connects {@code platform} for the user as the platform account {@code platformUserId}. */
    void connect(ServiceKit.User u, Platform platform, String platformUserId) throws Exception {
        service.connections().put(u.ref(), new Connection(platform.id(), platform, "acct" + platformUserId, platformUserId, System.currentTimeMillis(), false),
                new ConnectionSecrets(null, null, "tok_" + Tokens.random(12), "ref_" + Tokens.random(12), null, null, Map.of()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A running job of the user to {@code destinations}, with broadcast ids where given. */
    String runningJob(ServiceKit.User u, List<String> destinations, Map<String, String> broadcastIds) throws Exception {
        String id = Tokens.id("job");
        jobs.create(new NewJob(id, u.ref(), "demo-chat", destinations, List.of("audio", "video"), null, false, null,
                System.currentTimeMillis())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<Broadcast> broadcasts = destinations.stream().map(d -> new Broadcast(d, Platform.ofConnectionId(d).orElseThrow(),
                BroadcastState.LIVE, null, broadcastIds.get(d), null, 0, null)).toList();
        jobs.updateBroadcasts(id, broadcasts).toCompletableFuture().get(5, TimeUnit.SECONDS);
        jobs.transition(id, Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        jobIds.add(id);
        return id;
    }

    void stopJob(String jobId) throws Exception {
        jobs.transition(jobId, Set.of(JobStatus.RUNNING, JobStatus.QUEUED), JobStatus.STOPPED, Map.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    SseClient events(ServiceKit.User u) throws Exception {
        return new SseClient(apiBase() + "/api/v1/events", u.headers());
    }

    /** A viewer writes on {@code platform}; returns the platform's message id. */
    String say(String platform, String author, String message, boolean redeliver) {
        Map<String, Object> body = new HashMap<>(Map.of("author", author, "message", message, "redeliver", redeliver));
        return sim("POST", "/sim/" + platform + "/chat", body).json().get("id").asText();
    }

    Http.Res sim(String method, String path, Object body) {
        return simulator.call(method, path, body);
    }

    Http.Res api(String method, String path, ServiceKit.User u, Object body) {
        return service.call(method, path, u, body);
    }

    @Override
    protected void doClose() {
        for (String id : jobIds) {
            try {
                stopJob(id); // so that the next test class's aggregators do not pick them up
            } catch (Exception e) {
                // best effort
            }
        }
        aggregators.forEach(ChatRole::close);
        service.close();
        simulator.close();
    }
}
