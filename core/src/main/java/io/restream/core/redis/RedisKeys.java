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
}
