package io.restream.core.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.SourceStatus;
import io.restream.core.model.UserRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a worker reads and writes of a job it runs: control fields, destinations, source, its lease after a Redis gap. */
class JobStoreWorkerViewIT {
    @RegisterExtension
    static final TestJobs store = new TestJobs();
    static final JobStore jobs = store.jobs;

    private static StoredJob create() throws Exception {
        return store.create(new UserRef(Tokens.id("cli"), "u"), List.of("custom:a", "custom:b"));
    }

    @Test
    void controlReadsStatusOverlayAndDestinationsAndFollowsEdits() throws Exception {
        StoredJob job = create();
        JobControl c = jobs.control(job.id()).toCompletableFuture().get().orElseThrow();
        assertEquals(new JobControl(JobStatus.QUEUED, null, List.of("custom:a", "custom:b")), c);
        jobs.patchOverlay(job.id(), new Overlay(null, "https://x/top.png", null, null, null, null)).toCompletableFuture().get();
        jobs.edits().updateDestinations(job.id(), List.of("custom:c"), List.of("custom:a")).toCompletableFuture().get();
        JobControl edited = jobs.control(job.id()).toCompletableFuture().get().orElseThrow();
        assertEquals(List.of("custom:b", "custom:c"), edited.destinations());
        assertEquals("https://x/top.png", edited.overlay().topBanner());
        assertEquals(List.of("custom:b", "custom:c"), jobs.get(job.id()).toCompletableFuture().get().orElseThrow().job().destinations(),
                "the same field goLive writes");
        assertTrue(jobs.control("job_none").toCompletableFuture().get().isEmpty());
    }

    @Test
    void theSourceStateIsPartOfTheJob() throws Exception {
        StoredJob job = create();
        assertNull(job.job().source());
        jobs.updateSource(job.id(), SourceStatus.lost(1234L)).toCompletableFuture().get();
        assertEquals(new SourceStatus("lost", 1234L), jobs.get(job.id()).toCompletableFuture().get().orElseThrow().job().source());
        jobs.updateSource(job.id(), SourceStatus.live()).toCompletableFuture().get();
        assertEquals(new SourceStatus("live", null), jobs.get(job.id()).toCompletableFuture().get().orElseThrow().job().source());
    }

    @Test
    void aRenewalAfterTheLeaseExpiredTakesItBackUnlessAnotherWorkerHasIt() throws Exception {
        StoredJob job = create();
        assertTrue(jobs.claim(job.id(), "w1", 200).toCompletableFuture().get().isPresent());
        await("lease expired").atMost(Duration.ofSeconds(5)).until(() -> !jobs.isLeased(job.id()).toCompletableFuture().get());
        assertTrue(jobs.renewLease(job.id(), "w1", 10_000).toCompletableFuture().get(), "the worker that runs it takes it back");
        assertTrue(jobs.isLeased(job.id()).toCompletableFuture().get());
        assertTrue(jobs.claim(job.id(), "w2", 10_000).toCompletableFuture().get().isEmpty(), "still w1's");
        assertTrue(jobs.releaseLease(job.id(), "w1").toCompletableFuture().get());
        assertTrue(jobs.claim(job.id(), "w2", 10_000).toCompletableFuture().get().isPresent());
        assertFalse(jobs.renewLease(job.id(), "w1", 10_000).toCompletableFuture().get(), "w2 holds it now");
        assertFalse(jobs.releaseLease(job.id(), "w1").toCompletableFuture().get());
    }
}
