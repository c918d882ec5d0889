package io.restream.worker.destinations;

import static io.restream.core.model.BroadcastState.CONNECTING;
import static io.restream.core.model.BroadcastState.LIVE;
import static io.restream.core.model.BroadcastState.PENDING;
import static io.restream.core.model.BroadcastState.RECONNECTING;
import static io.restream.core.model.BroadcastState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restream.core.crypto.Secret;
import io.restream.core.model.Broadcast;
import io.restream.core.model.BroadcastState;
import io.restream.core.model.ErrorInfo;
import io.restream.core.model.Platform;
import io.restream.platforms.port.IngestTarget;
import io.restream.worker.fanout.FanoutHub;
import io.restream.worker.testing.StateMachines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A destination takes every edge drawn in its class comment and refuses every other one; state,
 * error and reconnect count are read as one snapshot.
 */
class DestinationStatesTest {
    private static final DestinationSettings SETTINGS = new DestinationSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), 1 << 20, Duration.ofSeconds(5));

    static Stream<Arguments> drawn() {
        return Stream.of(Arguments.of(PENDING, CONNECTING), Arguments.of(PENDING, STOPPED),
                Arguments.of(CONNECTING, LIVE), Arguments.of(CONNECTING, RECONNECTING), Arguments.of(CONNECTING, STOPPED),
                Arguments.of(LIVE, RECONNECTING), Arguments.of(LIVE, STOPPED),
                Arguments.of(RECONNECTING, LIVE), Arguments.of(RECONNECTING, STOPPED));
    }

    /** Within one state only error and count may change (a second refused connect), so self-edges are not state changes. */
    static List<Object[]> undrawn() {
        return StateMachines.undrawn(Destination.TRANSITIONS, PENDING).stream().filter(e -> e[0] != e[1]).toList();
    }

    private static Destination destination(List<Broadcast> changes) {
        IngestTarget target = new IngestTarget(Secret.of("rtmp://127.0.0.1:1/live/key"), null, null);
        Destination[] d = new Destination[1];
        d[0] = new Destination(new DestinationSpec("job", "custom:a", Platform.CUSTOM, target, 0), new FanoutHub(), SETTINGS, null,
                x -> changes.add(x.broadcast()));
        return d[0];
    }

    private static StateMachines.Owner<BroadcastState> fresh() {
        Destination d = destination(new ArrayList<>());
        return new StateMachines.Owner<>(d::state, s -> d.update(s, null, 0));
    }

    @Test
    void theTableIsTheDrawing() {
        assertEquals(drawn().count(), Stream.of(BroadcastState.values()).mapToLong(s -> Destination.TRANSITIONS.next(s).size()).sum());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("drawn")
    void takesTheDrawnEdge(BroadcastState from, BroadcastState to) {
        StateMachines.takesDrawnEdge(Destination.TRANSITIONS, DestinationStatesTest::fresh, from, to);
    }

    @ParameterizedTest(name = "{0} ↛ {1}")
    @MethodSource("undrawn")
    void refusesAnUndrawnEdge(BroadcastState from, BroadcastState to) {
        StateMachines.refusesUndrawnEdge(Destination.TRANSITIONS, DestinationStatesTest::fresh, from, to);
    }

    @Test
    void stateErrorAndCountChangeTogether() {
        List<Broadcast> changes = new ArrayList<>();
        Destination d = destination(changes);
        d.update(CONNECTING, null, 0);
        d.update(RECONNECTING, new ErrorInfo("push_failed", "refused"), 1);
        d.update(LIVE, null, 0);
        Broadcast live = d.broadcast();
        assertEquals(LIVE, live.state());
        assertNull(live.error(), "live never shows the previous error");
        assertEquals(1, live.reconnects());
        assertEquals(List.of(CONNECTING, RECONNECTING, LIVE), changes.stream().map(Broadcast::state).toList());
        assertEquals(new ErrorInfo("push_failed", "refused"), changes.get(1).error());
        assertEquals(1, changes.get(1).reconnects(), "the count moves with the state that counts it");
    }
}
