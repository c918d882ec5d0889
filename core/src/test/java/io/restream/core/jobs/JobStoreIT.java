package io.restream.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.UserRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job store's scripts against real Redis: supersede hand-over, guarded transitions, leases. */
class JobStoreIT {
    @RegisterExtension
    static final TestJobs store = new TestJobs();
    static final JobStore jobs = store.jobs;

    static StoredJob create(UserRef user) throws Exception {
        return store.create(user, List.of("custom:a"));
    }

    @Test
    void aClaimedJobIsHandedOverNotStoppedWhenSuperseded() throws Exception {
        UserRef user = new UserRef(Tokens.id("cli"), "u");
        StoredJob first = create(user);
        assertTrue(jobs.claim(first.id(), "w1", 10_000).toCompletableFuture().get().isPresent());
        assertTrue(jobs.transition(first.id(), Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of()).toCompletableFuture().get());
        StoredJob second = create(user);
        StoredJob old = jobs.get(first.id()).toCompletableFuture().get().orElseThrow();
        assertEquals(JobStatus.STOPPING, old.job().status(), "its worker must close the pushes first");
        assertEquals(second.id(), old.job().supersededBy());
        assertEquals(first.id(), second.supersedes(), "the new job knows whom to wait for");
        assertFalse(jobs.transition(first.id(), Set.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of()).toCompletableFuture().get(),
                "a late 'running' never undoes the stop");
        assertTrue(jobs.transition(first.id(), Set.of(JobStatus.STOPPING), JobStatus.STOPPED, Map.of()).toCompletableFuture().get());
        assertTrue(!jobs.activeIds().toCompletableFuture().get().contains(first.id()));
        assertTrue(jobs.get(first.id()).toCompletableFuture().get().orElseThrow().job().endedAt() != null);
    }

    @Test
    void leasesBelongToOneWorkerAtATime() throws Exception {
        StoredJob job = create(new UserRef(Tokens.id("cli"), "u"));
        assertTrue(jobs.claim(job.id(), "w1", 10_000).toCompletableFuture().get().isPresent());
        assertTrue(jobs.claim(job.id(), "w2", 10_000).toCompletableFuture().get().isEmpty(), "leased to w1");
        assertFalse(jobs.renewLease(job.id(), "w2", 10_000).toCompletableFuture().get());
        assertTrue(jobs.renewLease(job.id(), "w1", 10_000).toCompletableFuture().get());
        assertTrue(jobs.releaseLease(job.id(), "w1").toCompletableFuture().get());
        assertEquals("w2", jobs.claim(job.id(), "w2", 10_000).toCompletableFuture().get().orElseThrow().workerId(),
                "a released job is taken over at once");
    }

    @Test
    void overlayPatchesMergeAndOnlyWhileActive() throws Exception {
        StoredJob job = create(new UserRef(Tokens.id("cli"), "u"));
        assertEquals(OverlayOutcome.APPLIED, jobs.patchOverlay(job.id(), new Overlay(null, "https://x/top.png", null, null, null, null)).toCompletableFuture().get());
        assertEquals(OverlayOutcome.APPLIED, jobs.patchOverlay(job.id(), new Overlay(null, null, null, true, null, null)).toCompletableFuture().get());
        Overlay now = jobs.get(job.id()).toCompletableFuture().get().orElseThrow().job().overlay();
        assertEquals("https://x/top.png", now.topBanner());
        assertEquals(Boolean.TRUE, now.hideTop());
        assertEquals(StopOutcome.STOPPED, jobs.stop(job.id(), System.currentTimeMillis()).toCompletableFuture().get());
        assertEquals(OverlayOutcome.INACTIVE, jobs.patchOverlay(job.id(), Overlay.EMPTY).toCompletableFuture().get());
    }
}
