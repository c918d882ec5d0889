package io.restream.core.redis;

import io.restream.core.model.UserRef;
import java.util.Optional;

/**
 * Every Redis key the product uses, in one place (docs/DESIGN.md §2): no key literal lives anywhere
 * else. Per-user keys carry the user's hash tag {@code {cid:uid}}.
 */
public final class RedisKeys {
    /** Jobs to run: a stream with the consumer group {@link #WORKERS_GROUP}. */
    public static final String JOB_QUEUE = "rs:jobs";
    public static final String WORKERS_GROUP = "workers";
    /** Ids of every job, scored by creation time (admin listing). */
    public static final String ALL_JOBS = "rs:alljobs";
    /** Ids of jobs that are queued, running or stopping. */
    public static final String ACTIVE_JOBS = "rs:active";
    /** Ids of live worker processes. */
    public static final String WORKERS = "rs:workers";

    /** Every key of the product (for tests and operators' {@code SCAN}s). */
    public static final String ALL_KEYS = "rs:*";
    /** API clients: a set of client ids. */
    public static final String CLIENTS = "rs:clients";
    /** Origins of active publishable keys, counted (the CORS allowlist). */
    public static final String ORIGINS = "rs:origins";
    /** The Ed25519 signing keys of session tokens: one field per key id. */
    public static final String SIGNING_KEYS = "rs:signkeys";
    /** Held by the one API node that runs the token validation sweep. */
    public static final String OAUTH_SWEEP_LOCK = "rs:oauth:sweep";
    /** Marks that the sandbox demo client was created (so a restart does not create another). */
    public static final String SANDBOX_DEMO_MARKER = "rs:sandbox:demo-client";
    /** Every user's connections hash (for {@code SCAN}); {@link #ownerOfConnections} reads the user back. */
    public static final String ALL_CONNECTIONS = "rs:conn:*";

    private static final String CONNECTIONS_PREFIX = "rs:conn:";

    private RedisKeys() {}

    public static String job(String jobId) { return "rs:job:" + jobId; }
    public static String lease(String jobId) { return "rs:lease:" + jobId; }
    public static String current(UserRef u) { return "rs:current:" + u.tag(); }
    public static String connections(UserRef u) { return CONNECTIONS_PREFIX + u.tag(); }
    public static String chat(UserRef u) { return "rs:chat:" + u.tag(); }
    public static String seen(UserRef u) { return "rs:seen:" + u.tag(); }
    public static String events(UserRef u) { return "rs:events:" + u.tag(); }
    public static String viewers(UserRef u) { return "rs:viewers:" + u.tag(); }
    public static String worker(String workerId) { return "rs:worker:" + workerId; }
    public static String workerJobs(String workerId) { return "rs:worker:" + workerId + ":jobs"; }

    public static String client(String clientId) { return "rs:client:" + clientId; }
    public static String clientKeys(String clientId) { return "rs:client:" + clientId + ":keys"; }
    /** An API key's record by its id. */
    public static String apiKey(String keyId) { return "rs:key:" + keyId; }
    /** An API key's id by the SHA-256 of its value (the value itself is never stored). */
    public static String apiKeyByHash(String sha256Hex) { return "rs:apikey:" + sha256Hex; }
    /** A hosted-OAuth attempt by the SHA-256 of its ticket or state ({@code kind}: {@code start}, {@code state}). */
    public static String oauthAttempt(String kind, String sha256Hex) { return "rs:oauth:" + kind + ":" + sha256Hex; }
    /** Which chat aggregator instance reads a job's chat (string with TTL, value = instance id). */
    public static String chatLease(String jobId) { return "rs:chatlease:" + jobId; }
    /** Where a platform's webhook deliveries for one channel go (the live job that subscribed). */
    public static String webhookRoute(String platform, String platformUserId) { return "rs:chatroute:" + platform + ":" + platformUserId; }

    /** The user whose {@link #connections} key this is; empty for any other key. */
    public static Optional<UserRef> ownerOfConnections(String key) {
        if (!key.startsWith(CONNECTIONS_PREFIX + "{") || !key.endsWith("}")) return Optional.empty();
        String tag = key.substring(CONNECTIONS_PREFIX.length() + 1, key.length() - 1);
        int colon = tag.indexOf(':');
        if (colon <= 0) return Optional.empty();
        try {
            return Optional.of(new UserRef(tag.substring(0, colon), tag.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
