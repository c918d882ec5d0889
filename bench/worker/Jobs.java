import io.restream.core.connections.ConnectionStore;
import io.restream.core.jobs.JobStore;
import io.restream.core.jobs.NewJob;
import io.restream.core.model.Job;
import io.restream.core.model.Overlay;
import io.restream.core.model.UserRef;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Jobs for the benchmark, created in Redis as the API would, for a worker to run. */
final class Jobs {
    private final JobStore store;
    private final ConnectionStore connections;

    Jobs(JobStore store, ConnectionStore connections) {
        this.store = store;
        this.connections = connections;
    }

    JobStore store() { return store; }

    static UserRef newUser() {
        return new UserRef("bench_" + UUID.randomUUID().toString().substring(0, 8), "bench");
    }

    /** Saves a connection per sink (once per user) and creates the job; returns its id at once. */
    String goLive(UserRef user, String publisherSessionId, List<RtmpSink> sinks, Overlay overlay) {
        List<String> destinations = new ArrayList<>();
        for (RtmpSink s : sinks) {
            WorkerBench.put(connections, user, s.key(), s.appUrl(), s.key());
            destinations.add("custom:" + s.key());
        }
        String jobId = "job_bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        store.create(new NewJob(jobId, user, publisherSessionId, destinations, List.of("audio", "video"), overlay, false, null,
                System.currentTimeMillis())).toCompletableFuture().join();
        return jobId;
    }

    /** Creates the job whose connections exist already (a supersede: the same user goes live again). */
    String goLiveAgain(UserRef user, String publisherSessionId, List<RtmpSink> sinks, Overlay overlay) {
        String jobId = "job_bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        List<String> destinations = sinks.stream().map(s -> "custom:" + s.key()).toList();
        store.create(new NewJob(jobId, user, publisherSessionId, destinations, List.of("audio", "video"), overlay, false, null,
                System.currentTimeMillis())).toCompletableFuture().join();
        return jobId;
    }

    Job job(String id) {
        return store.get(id).toCompletableFuture().join().orElseThrow().job();
    }

    void stopAndWait(String jobId) throws InterruptedException {
        store.stop(jobId, System.currentTimeMillis()).toCompletableFuture().join();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!job(jobId).status().isTerminal() && System.nanoTime() < deadline) Thread.sleep(50);
    }

    /** Waits until every sink has a connection made after {@code since} with a video frame; the last such time. */
    static long awaitFirstVideo(List<RtmpSink> sinks, long since, long timeoutMs) throws InterruptedException {
        long deadline = since + timeoutMs * 1_000_000L;
        while (true) {
            long last = 0;
            boolean all = true;
            for (RtmpSink s : sinks) {
                long t = s.firstVideoAfter(since);
                if (t == 0) all = false; else last = Math.max(last, t);
            }
            if (all) return last;
            if (System.nanoTime() > deadline) throw new IllegalStateException("no video at every destination within " + timeoutMs + " ms");
            Thread.sleep(2);
        }
    }

    /** Every sink's connections since {@code since} started on a key frame after the sequence headers. */
    static String checkStarts(List<RtmpSink> sinks, long since) {
        for (RtmpSink s : sinks) {
            for (RtmpSink.Session x : s.sessions()) {
                if (x.connectedAt < since || x.firstVideoAt == 0) continue;
                if (!x.keyframeFirst || !x.videoHeaderFirst || !x.audioHeaderFirst) {
                    return s.key() + ": key frame first " + x.keyframeFirst + ", AVC header first " + x.videoHeaderFirst
                            + ", AAC header first " + x.audioHeaderFirst;
                }
            }
        }
        return null;
    }
}
