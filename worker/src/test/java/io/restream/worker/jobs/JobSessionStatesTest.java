package io.restream.worker.jobs;

import static io.restream.worker.jobs.JobSession.State.ABANDONED;
import static io.restream.worker.jobs.JobSession.State.CLAIMED;
import static io.restream.worker.jobs.JobSession.State.ENDED;
import static io.restream.worker.jobs.JobSession.State.FAILED;
import static io.restream.worker.jobs.JobSession.State.HANDED_BACK;
import static io.restream.worker.jobs.JobSession.State.PREPARING;
import static io.restream.worker.jobs.JobSession.State.QUEUED;
import static io.restream.worker.jobs.JobSession.State.RUNNING;
import static io.restream.worker.jobs.JobSession.State.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.jobs.StoredJob;
import io.restream.core.model.Job;
import io.restream.core.model.JobStatus;
import io.restream.core.model.UserRef;
import io.restream.worker.WorkerConfig;
import io.restream.worker.jobs.JobSession.State;
import io.restream.worker.testing.StateMachines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A job session takes every edge drawn in its class comment and refuses every other one. */
class JobSessionStatesTest {
    static Stream<Arguments> drawn() {
        List<Arguments> out = new ArrayList<>(List.of(
                Arguments.of(CLAIMED, PREPARING), Arguments.of(CLAIMED, STOPPED), Arguments.of(CLAIMED, FAILED),
                Arguments.of(PREPARING, QUEUED), Arguments.of(PREPARING, STOPPED), Arguments.of(PREPARING, FAILED),
                Arguments.of(QUEUED, RUNNING), Arguments.of(QUEUED, STOPPED), Arguments.of(QUEUED, ENDED), Arguments.of(QUEUED, FAILED),
                Arguments.of(RUNNING, STOPPED), Arguments.of(RUNNING, ENDED), Arguments.of(RUNNING, FAILED)));
        for (State s : List.of(CLAIMED, PREPARING, QUEUED, RUNNING)) {
            out.add(Arguments.of(s, HANDED_BACK));
            out.add(Arguments.of(s, ABANDONED));
        }
        return out.stream();
    }

    static List<Object[]> undrawn() { return StateMachines.undrawn(JobSession.TRANSITIONS, CLAIMED); }

    private static StateMachines.Owner<State> fresh() {
        Problems problems = new Problems();
        WorkerConfig config = WorkerConfig.from(Settings.of(Map.of()), problems);
        WorkerContext ctx = new WorkerContext("w", config, null, null, null, null, null, null, null, null, null);
        Job job = new Job("job_1", "u", JobStatus.QUEUED, "demo-x", List.of(), List.of(), null, false, List.of(), null, null, null,
                0, null, null, null, null, null);
        JobSession s = new JobSession(ctx, null, new StoredJob(new UserRef("c", "u"), job, null, null, null), () -> { });
        return new StateMachines.Owner<>(s::state, s::setState);
    }

    @Test
    void theTableIsTheDrawing() {
        assertEquals(drawn().count(), Stream.of(State.values()).mapToLong(s -> JobSession.TRANSITIONS.next(s).size()).sum());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("drawn")
    void takesTheDrawnEdge(State from, State to) {
        StateMachines.takesDrawnEdge(JobSession.TRANSITIONS, JobSessionStatesTest::fresh, from, to);
    }

    @ParameterizedTest(name = "{0} ↛ {1}")
    @MethodSource("undrawn")
    void refusesAnUndrawnEdge(State from, State to) {
        StateMachines.refusesUndrawnEdge(JobSession.TRANSITIONS, JobSessionStatesTest::fresh, from, to);
    }
}
