package io.restream.core.jobs;

import io.restream.core.model.Job;
import io.restream.core.model.UserRef;

/**
 * A job as kept in Redis: the public {@link Job} plus what only the system sees.
 *
 * @param workerId the worker that claimed it, or null while unclaimed
 * @param supersedes the job this one replaced while that one still held destinations, or null
 * @param ingestSealed encrypted per-job ingest overrides, or null
 */
public record StoredJob(UserRef user, Job job, String workerId, String supersedes, String ingestSealed) {
    public String id() { return job.id(); }
}
