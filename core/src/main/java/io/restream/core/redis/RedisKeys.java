package io.restream.core.redis;

import io.restream.core.crypto.Tokens;
import io.restream.core.model.UserRef;
import java.util.Optional;

/**
 * Every Redis key the product uses, in one place (docs/DESIGN.md §2): no key literal lives anywhere
 * else. They are laid out for Redis Cluster:
 * keys that one script touches together share a hash slot.
 * <ul>
 *   <li>Per-user keys carry the user's hash tag {@code {cid:uid}}.</li>
 *   <li>A job's keys carry the job's tag: the four characters after {@code job_} in its id, which
 *       {@link #newJobId} picks so that they hash to the slot of the user's tag (see
 *       {@link SlotTags}). So {@code GET /jobs/{id}} and workers find a job from its id alone,
 *       and goLive's script (current pointer, old job, new job) stays on one slot.</li>
 *   <li>The few global keys (queue, indexes, worker registry) are each touched alone: never in a
 *       script with another key.</li>
 * </ul>
 */
public final class RedisKeys {
    /** Jobs to run: a stream with the consumer group {@link #WORKERS_GROUP}. */
    public static final String JOB_QUEUE = "rs:jobs";
    public static final String WORKERS_GROUP = "workers";
    /** Ids of every job, scored by creation time (admin listing). */
    public static final String ALL_JOBS = "rs:alljobs";
    /**
     * Ids of jobs that are queued, running or stopping. An index kept beside the jobs (a job's
     * status is the truth): written after the job's own script, cleaned by whoever finds an id here
     * whose job is no longer active.
     */
    public static final String ACTIVE_JOBS = "rs:active";
    /** Ids of live worker processes. */
    public static final String WORKERS = "rs:workers";
    /** Prefix of job hashes; golive.lua rebuilds the old job's key as prefix .. tag .. id, as {@link #job} does. */
    public static final String JOB_KEY_PREFIX = "rs:job:";

    private static final String JOB_PREFIX = "job_";
    private static final int TAG_LENGTH = SlotTags.LENGTH;

    /*
     * Client webhooks: every key carries the {wh} hash tag, so that the scripts that claim and
     * schedule deliveries stay on one cluster slot.
     */
    /** Ids of clients that have at least one webhook (only their users' changes are fed). */
    public static final String WEBHOOK_CLIENTS = "rs:{wh}:clients";
    /** A stream of those clients' users' job and connection changes, for the webhook feeder. */
    public static final String WEBHOOK_FEED = "rs:{wh}:feed";
    /** The last feed entry turned into events. */
    public static final String WEBHOOK_FEED_CURSOR = "rs:{wh}:feed:cursor";
    /** Which API node reads the feed (a lease). */
    public static final String WEBHOOK_FEED_LEASE = "rs:{wh}:feed:lease";
    /** Delivery ids scored by when their next attempt is due. */
    public static final String WEBHOOK_DUE = "rs:{wh}:due";

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

    /** A new job id for {@code user}: {@code job_} + a tag on the user's slot + 16 random characters. */
    public static String newJobId(UserRef user) {
        return JOB_PREFIX + SlotTags.forSlot(SlotTags.slot(user.tag())) + Tokens.random(16);
    }

    /**
     * The hash tag of a job's keys, {@code {xxxx}}, from its id; ids not made by {@link #newJobId}
     * (too short, other prefix) get no tag, which only matters on a cluster.
     */
    public static String jobTag(String jobId) {
        if (jobId == null || jobId.length() < JOB_PREFIX.length() + TAG_LENGTH || !jobId.startsWith(JOB_PREFIX)) return "";
        String tag = jobId.substring(JOB_PREFIX.length(), JOB_PREFIX.length() + TAG_LENGTH);
        return tag.indexOf('{') >= 0 || tag.indexOf('}') >= 0 ? "" : "{" + tag + "}";
    }

    public static String job(String jobId) { return JOB_KEY_PREFIX + jobTag(jobId) + jobId; }
    public static String lease(String jobId) { return "rs:lease:" + jobTag(jobId) + jobId; }
    public static String current(UserRef u) { return "rs:current:" + u.tag(); }
    public static String connections(UserRef u) { return CONNECTIONS_PREFIX + u.tag(); }
    public static String chat(UserRef u) { return "rs:chat:" + u.tag(); }
    public static String seen(UserRef u) { return "rs:seen:" + u.tag(); }
    public static String events(UserRef u) { return "rs:events:" + u.tag(); }
    public static String viewers(UserRef u) { return "rs:viewers:" + u.tag(); }
    public static String worker(String workerId) { return "rs:worker:{" + workerId + "}"; }
    public static String workerJobs(String workerId) { return "rs:worker:{" + workerId + "}:jobs"; }

    /** A single-use events ticket, by the SHA-256 of its value (the value is never stored). */
    public static String eventTicket(String ticketHash) { return "rs:ticket:" + ticketHash; }
    /** A sign-in start link or platform {@code state} ({@code kind} start|state), by the hash of its value. */
    public static String oauthAttempt(String kind, String valueHash) { return "rs:oauth:" + kind + ":" + valueHash; }
    /** A finished sign-in waiting for its user to confirm it, under that user's tag. */
    public static String oauthPending(UserRef u, String confirmationHash) { return "rs:oauth:pending:" + u.tag() + ":" + confirmationHash; }
    /** The rate-limit bucket of one credential acting for one user (user keys under the user's tag). */
    public static String rateBucket(UserRef u, String credentialId) { return "rs:rate:" + u.tag() + ":" + credentialId; }
    /** The rate-limit bucket of a credential that names no user (admin, a secret key alone). */
    public static String rateBucket(String credentialId) { return "rs:rate:{" + credentialId + "}"; }
    /** Failed authentications from one client address. */
    public static String authFailures(String address) { return "rs:authfail:{" + address + "}"; }
    /** Ids of revoked API keys with their revocation time; every node polls it (tokens die with their key). */
    public static final String REVOKED_KEYS = "rs:revokedkeys";
    public static String webhook(String webhookId) { return "rs:{wh}:hook:" + webhookId; }
    public static String clientWebhooks(String clientId) { return "rs:{wh}:client:" + clientId; }
    public static String webhookDelivery(String deliveryId) { return "rs:{wh}:dly:" + deliveryId; }
    /** What a job ({@code job:<id>}) or a user's connections last looked like to the webhook feeder. */
    public static String webhookSeen(String subject) { return "rs:{wh}:seen:" + subject; }
    /** A webhook's recent delivery ids, newest first. */
    public static String webhookLog(String webhookId) { return "rs:{wh}:log:" + webhookId; }

    public static String client(String clientId) { return "rs:client:" + clientId; }
    public static String clientKeys(String clientId) { return "rs:client:" + clientId + ":keys"; }
    /** An API key's record by its id. */
    public static String apiKey(String keyId) { return "rs:key:" + keyId; }
    /** An API key's id by the SHA-256 of its value (the value itself is never stored). */
    public static String apiKeyByHash(String sha256Hex) { return "rs:apikey:" + sha256Hex; }
    /** Which chat aggregator instance reads a job's chat (string with TTL, value = instance id). */
    public static String chatLease(String jobId) { return "rs:chatlease:" + jobTag(jobId) + jobId; }
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
