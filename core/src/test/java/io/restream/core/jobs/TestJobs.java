package io.restream.core.jobs;

import io.restream.core.crypto.Tokens;
import io.restream.core.model.UserRef;
import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The job store on the test Redis for one test class ({@code @RegisterExtension static final}).
 * After the class it stops the jobs it made, so that workers of later test classes on this Redis do
 * not run them, and closes its connection. (Core's own tests cannot use {@code test-kit-core},
 * which is built on core; this is their one copy of this set-up.)
 */
final class TestJobs implements AfterAllCallback {
    final Redis redis = TestRedis.connect();
    final JobStore jobs = new JobStore(redis);
    private final List<String> created = new CopyOnWriteArrayList<>();

    /** A queued job of {@code user} to the given destinations, stopped after the class. */
    StoredJob create(UserRef user, List<String> destinations) throws Exception {
        NewJob spec = new NewJob(Tokens.id("job"), user, "demo-a", destinations, List.of("audio", "video"),
                null, false, null, System.currentTimeMillis());
        StoredJob job = jobs.create(spec).toCompletableFuture().get().job();
        created.add(job.id());
        return job;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (String id : created) jobs.stop(id, System.currentTimeMillis()).toCompletableFuture().get();
        redis.close();
    }
}
