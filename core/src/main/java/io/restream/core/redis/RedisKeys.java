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
    public static String webhook(String webhookId) { return "rs:{wh}:hook:" + webhookId; }
    public static String clientWebhooks(String clientId) { return "rs:{wh}:client:" + clientId; }
    public static String webhookDelivery(String deliveryId) { return "rs:{wh}:dly:" + deliveryId; }
    /** What a job ({@code job:<id>}) or a user's connections last looked like to the webhook feeder. */
    public static String webhookSeen(String subject) { return "rs:{wh}:seen:" + subject; }
    /** A webhook's recent delivery ids, newest first. */
    public static String webhookLog(String webhookId) { return "rs:{wh}:log:" + webhookId; }
}
