package io.restream.core.redis;

import io.restream.core.model.UserRef;

/**
 * Every Redis key the product uses, in one place (DESIGN.md §2). Per-user keys carry the user's
 * hash tag {@code {cid:uid}}.
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

    private RedisKeys() {}

    public static String job(String jobId) { return "rs:job:" + jobId; }
    public static String lease(String jobId) { return "rs:lease:" + jobId; }
    public static String current(UserRef u) { return "rs:current:" + u.tag(); }
    public static String connections(UserRef u) { return "rs:conn:" + u.tag(); }
    public static String chat(UserRef u) { return "rs:chat:" + u.tag(); }
    public static String seen(UserRef u) { return "rs:seen:" + u.tag(); }
    public static String events(UserRef u) { return "rs:events:" + u.tag(); }
    public static String viewers(UserRef u) { return "rs:viewers:" + u.tag(); }
    public static String worker(String workerId) { return "rs:worker:" + workerId; }
    public static String workerJobs(String workerId) { return "rs:worker:" + workerId + ":jobs"; }

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
}
