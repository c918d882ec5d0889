package io.restream.service.chat;

import io.restream.core.chat.ViewerStore;
import io.restream.core.jobs.JobStore;
import io.restream.core.model.JobStatus;
import io.restream.core.model.UserRef;
import io.restream.core.model.Viewers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The viewers of the user's current job while it runs, else zeros (docs/API.md §5). */
public final class CurrentViewers {
    private final JobStore jobs;
    private final ViewerStore viewers;

    public CurrentViewers(JobStore jobs, ViewerStore viewers) {
        this.jobs = jobs;
        this.viewers = viewers;
    }

    public CompletionStage<Viewers> of(UserRef user) {
        long now = System.currentTimeMillis();
        return jobs.current(user).thenCompose(job -> {
            if (job.isEmpty() || job.get().job().status() != JobStatus.RUNNING) {
                return CompletableFuture.completedFuture(Viewers.none(now));
            }
            String jobId = job.get().id();
            return viewers.get(user).thenApply(stored -> stored
                    .filter(s -> s.jobId().equals(jobId))
                    .map(ViewerStore.JobViewers::viewers)
                    .orElse(Viewers.none(now)));
        });
    }
}
