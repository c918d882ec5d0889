/**
 * Jobs: {@link io.restream.worker.jobs.JobRunner} claims them (consumer group, leases renewed by
 * heartbeat, take-over of a dead worker's jobs) and runs one {@link io.restream.worker.jobs.JobSession}
 * per job, which drives the job state machine of DESIGN.md §3 and writes job and broadcast state
 * back to Redis as it changes.
 */
package io.restream.worker.jobs;
