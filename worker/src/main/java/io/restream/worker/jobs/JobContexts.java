package io.restream.worker.jobs;

import io.restream.core.jobs.StoredJob;
import io.restream.core.model.ErrorInfo;
import io.restream.platforms.port.JobContext;
import io.restream.platforms.port.StreamMetadata;
import java.util.Collections;

/**
 * The one place that builds what a platform's broadcast set-up is told about a job: its ingest
 * overrides, its title and description, and where a platform's refusal of the title is reported
 * (on that broadcast only, failing nothing else).
 */
final class JobContexts {
    private JobContexts() {}

    static JobContext of(WorkerContext ctx, StoredJob job) {
        String jobId = job.id();
        return new JobContext(jobId, job.user(), IngestOverrides.open(job.ingestSealed(), ctx.box()),
                new StreamMetadata.Text(job.job().title(), job.job().description()),
                (destination, refused) -> ctx.jobs().edits().reportMetadata(jobId, Collections.singletonMap(destination,
                        refused == null ? null : new ErrorInfo(refused.code(), refused.getMessage()))));
    }
}
