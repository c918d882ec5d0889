package io.restream.worker.encode;

import static io.restream.worker.encode.Encoder.State.ENDED;
import static io.restream.worker.encode.Encoder.State.LIVE;
import static io.restream.worker.encode.Encoder.State.RETRYING;
import static io.restream.worker.encode.Encoder.State.STANDBY;
import static io.restream.worker.encode.Encoder.State.STARTING;
import static io.restream.worker.encode.Encoder.State.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.worker.encode.Encoder.State;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.process.Progress;
import io.restream.worker.source.SourceSpec;
import io.restream.worker.testing.StateMachines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The encoder takes every edge drawn in its class comment and refuses every other one. */
class EncoderStatesTest {
    static Stream<Arguments> drawn() {
        return Stream.of(Arguments.of(STARTING, LIVE), Arguments.of(STARTING, RETRYING), Arguments.of(STARTING, STOPPED),
                Arguments.of(LIVE, STANDBY), Arguments.of(LIVE, STOPPED),
                Arguments.of(STANDBY, LIVE), Arguments.of(STANDBY, ENDED), Arguments.of(STANDBY, STOPPED),
                Arguments.of(RETRYING, LIVE), Arguments.of(RETRYING, ENDED), Arguments.of(RETRYING, STOPPED));
    }

    static List<Object[]> undrawn() { return StateMachines.undrawn(Encoder.TRANSITIONS, STARTING); }

    private static StateMachines.Owner<State> fresh() {
        EncoderCommand command = new EncoderCommand(new SourceSpec(true, "x", List.of("-i", "x")), EncoderCommand.Mode.ENCODE,
                320, 180, 30, 500, 64, true, false, 4, "veryfast");
        Encoder e = new Encoder(new EncoderSpec("states", command, Duration.ofSeconds(8), Duration.ofSeconds(30), 0, Path.of("/tmp")),
                new FanoutHub(), () -> new byte[0], null, new Encoder.Listener() {
                    @Override public void onLive() { }
                    @Override public void onSourceLost(long lostAt, String reason) { }
                    @Override public void onEnded(String reason) { }
                    @Override public void onProgress(Progress progress) { }
                });
        return new StateMachines.Owner<>(e::state, e::setState);
    }

    @Test
    void theTableIsTheDrawing() {
        assertEquals(drawn().count(), Stream.of(State.values()).mapToLong(s -> Encoder.TRANSITIONS.next(s).size()).sum());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("drawn")
    void takesTheDrawnEdge(State from, State to) {
        StateMachines.takesDrawnEdge(Encoder.TRANSITIONS, EncoderStatesTest::fresh, from, to);
    }

    @ParameterizedTest(name = "{0} ↛ {1}")
    @MethodSource("undrawn")
    void refusesAnUndrawnEdge(State from, State to) {
        StateMachines.refusesUndrawnEdge(Encoder.TRANSITIONS, EncoderStatesTest::fresh, from, to);
    }
}
