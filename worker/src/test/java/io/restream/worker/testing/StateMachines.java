package io.restream.worker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restream.worker.process.StateTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checks a state machine through its owner's own {@code setState}: reach {@code from} along drawn
 * edges from a fresh owner, then take {@code from → to} (it must be taken) or an undrawn edge (it
 * must be refused and leave the state as it was).
 */
public final class StateMachines {
    private StateMachines() {}

    /** A fresh owner in its initial state, its current state, and its {@code setState}. */
    public record Owner<S extends Enum<S>>(Supplier<S> state, Consumer<S> setState) {}

    public static <S extends Enum<S>> void takesDrawnEdge(StateTable<S> table, Supplier<Owner<S>> fresh, S from, S to) {
        Owner<S> owner = fresh.get();
        for (S step : path(table, owner.state().get(), from)) owner.setState().accept(step);
        assertEquals(from, owner.state().get());
        owner.setState().accept(to);
        assertEquals(to, owner.state().get(), from + " → " + to);
    }

    public static <S extends Enum<S>> void refusesUndrawnEdge(StateTable<S> table, Supplier<Owner<S>> fresh, S from, S to) {
        Owner<S> owner = fresh.get();
        for (S step : path(table, owner.state().get(), from)) owner.setState().accept(step);
        assertThrows(IllegalStateException.class, () -> owner.setState().accept(to), from + " → " + to + " is not drawn");
        assertEquals(from, owner.state().get(), "a refused edge leaves the state alone");
    }

    /** Every (from, to) pair the table does not draw, {@code from} reachable from {@code initial}. */
    public static <S extends Enum<S>> List<Object[]> undrawn(StateTable<S> table, S initial) {
        List<Object[]> out = new ArrayList<>();
        Class<S> type = initial.getDeclaringClass();
        for (S from : type.getEnumConstants()) {
            if (from != initial && reachable(table, initial, from) == null) continue;
            for (S to : type.getEnumConstants()) if (!table.allows(from, to)) out.add(new Object[] {from, to});
        }
        return out;
    }

    /** The states to go through from {@code start} to {@code target} (empty when equal). */
    private static <S extends Enum<S>> List<S> path(StateTable<S> table, S start, S target) {
        List<S> steps = reachable(table, start, target);
        if (steps == null) throw new AssertionError(target + " cannot be reached from " + start);
        return steps;
    }

    private static <S extends Enum<S>> List<S> reachable(StateTable<S> table, S start, S target) {
        Map<S, S> previous = new EnumMap<>(start.getDeclaringClass());
        Deque<S> queue = new ArrayDeque<>(List.of(start));
        Set<S> seen = new java.util.HashSet<>(List.of(start));
        while (!queue.isEmpty()) {
            S s = queue.removeFirst();
            if (s == target) break;
            for (S n : table.next(s)) if (seen.add(n)) {
                previous.put(n, s);
                queue.addLast(n);
            }
        }
        if (!seen.contains(target)) return null;
        List<S> steps = new ArrayList<>();
        for (S s = target; s != start; s = previous.get(s)) steps.add(0, s);
        return steps;
    }
}
