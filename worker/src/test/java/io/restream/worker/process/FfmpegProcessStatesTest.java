package io.restream.worker.process;

import static io.restream.worker.process.FfmpegProcess.State.FAILED;
import static io.restream.worker.process.FfmpegProcess.State.FINISHED;
import static io.restream.worker.process.FfmpegProcess.State.KILLED;
import static io.restream.worker.process.FfmpegProcess.State.NEW;
import static io.restream.worker.process.FfmpegProcess.State.RUNNING;
import static io.restream.worker.process.FfmpegProcess.State.STOPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.worker.process.FfmpegProcess.State;
import io.restream.worker.testing.StateMachines;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** FfmpegProcess takes every edge drawn in its class comment and refuses every other one. */
class FfmpegProcessStatesTest {
    /** The drawing, edge by edge. */
    static Stream<Arguments> drawn() {
        return Stream.of(Arguments.of(NEW, RUNNING), Arguments.of(NEW, FAILED), Arguments.of(NEW, FINISHED),
                Arguments.of(RUNNING, STOPPING), Arguments.of(RUNNING, FINISHED), Arguments.of(RUNNING, FAILED),
                Arguments.of(RUNNING, KILLED), Arguments.of(STOPPING, FINISHED), Arguments.of(STOPPING, KILLED));
    }

    static List<Object[]> undrawn() { return StateMachines.undrawn(FfmpegProcess.TRANSITIONS, NEW); }

    private static StateMachines.Owner<State> fresh() {
        FfmpegProcess p = new FfmpegProcess(ProcessSpec.builder("states", List.of("-version")).build(), null);
        return new StateMachines.Owner<>(p::state, p::setState);
    }

    @Test
    void theTableIsTheDrawing() {
        assertEquals(drawn().count(), Stream.of(State.values()).mapToLong(s -> FfmpegProcess.TRANSITIONS.next(s).size()).sum());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("drawn")
    void takesTheDrawnEdge(State from, State to) {
        StateMachines.takesDrawnEdge(FfmpegProcess.TRANSITIONS, FfmpegProcessStatesTest::fresh, from, to);
    }

    @ParameterizedTest(name = "{0} ↛ {1}")
    @MethodSource("undrawn")
    void refusesAnUndrawnEdge(State from, State to) {
        StateMachines.refusesUndrawnEdge(FfmpegProcess.TRANSITIONS, FfmpegProcessStatesTest::fresh, from, to);
    }
}
