package io.restream.core.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.restream.core.json.Json;
import io.restream.core.model.Broadcast;
import io.restream.core.model.ErrorInfo;
import io.restream.core.model.Job;
import io.restream.core.model.JobStats;
import io.restream.core.model.JobStatus;
import io.restream.core.model.Overlay;
import io.restream.core.model.SourceStatus;
import io.restream.core.model.UserRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job's Redis hash read back as a {@link StoredJob}: the one place that knows the hash's fields. */
final class JobHash {
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Broadcast>> BROADCASTS = new TypeReference<>() {};

    private JobHash() {}

    static Optional<StoredJob> decode(String jobId, Map<String, String> f) {
        if (f == null || f.isEmpty() || !f.containsKey("status")) return Optional.empty();
        UserRef user = new UserRef(f.get("cid"), f.get("uid"));
        Job job = new Job(
                jobId,
                user.userId(),
                JobStatus.of(f.get("status")),
                f.get("psid"),
                Json.read(f.get("destinations"), STRINGS),
                Json.read(f.get("trackNames"), STRINGS),
                f.containsKey("overlay") ? Json.read(f.get("overlay"), Overlay.class) : null,
                Boolean.parseBoolean(f.get("recording")),
                f.containsKey("broadcasts") ? withMetadataErrors(Json.read(f.get("broadcasts"), BROADCASTS), f) : List.of(),
                f.containsKey("stats") ? Json.read(f.get("stats"), JobStats.class) : null,
                f.containsKey("error") && !f.get("error").isEmpty() ? Json.read(f.get("error"), ErrorInfo.class) : null, // "" = cleared
                f.get("supersededBy"),
                Long.parseLong(f.get("createdAt")),
                f.containsKey("startedAt") ? Long.valueOf(f.get("startedAt")) : null,
                f.containsKey("endedAt") ? Long.valueOf(f.get("endedAt")) : null,
                f.get("title"),
                f.get("description"),
                f.containsKey("source") ? Json.read(f.get("source"), SourceStatus.class) : null);
        return Optional.of(new StoredJob(user, job, f.get("worker"), f.get("supersedes"), f.get("ingest")));
    }

    /** A broadcast that pushes fine but whose platform refused the title shows that refusal. */
    private static List<Broadcast> withMetadataErrors(List<Broadcast> broadcasts, Map<String, String> f) {
        return broadcasts.stream().map(b -> {
            String refusal = b.error() == null ? f.get(JobEdits.METADATA_ERROR + b.destination()) : null;
            return refusal == null ? b : b.withState(b.state(), Json.read(refusal, ErrorInfo.class));
        }).toList();
    }
}
