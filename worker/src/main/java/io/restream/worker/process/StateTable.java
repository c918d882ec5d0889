package io.restream.worker.process;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The edges of a state machine drawn in a class comment, as data (after datarhei/core's
 * {@code process.setState}): owners move only through {@link #check}, so an undrawn edge is refused
 * with an {@link IllegalStateException} instead of silently taken.
 */
public final class StateTable<S extends Enum<S>> {
    private final Class<S> type;
    private final Map<S, Set<S>> edges;

    private StateTable(Class<S> type, Map<S, Set<S>> edges) {
        this.type = type;
        this.edges = edges;
    }

    public static <S extends Enum<S>> Builder<S> of(Class<S> type) { return new Builder<>(type); }

    /** Whether {@code from → to} is drawn. */
    public boolean allows(S from, S to) { return edges.getOrDefault(from, Set.of()).contains(to); }

    /** Every state reachable from {@code from} in one step. */
    public Set<S> next(S from) {
        Set<S> out = edges.get(from);
        return out == null ? EnumSet.noneOf(type) : EnumSet.copyOf(out);
    }

    /** Returns {@code to} when {@code from → to} is drawn; throws otherwise. */
    public S check(String owner, S from, S to) {
        if (!allows(from, to)) throw new IllegalStateException(owner + ": no transition " + from + " → " + to);
        return to;
    }

    /** Builds the table edge by edge. */
    public static final class Builder<S extends Enum<S>> {
        private final Class<S> type;
        private final Map<S, Set<S>> edges;

        private Builder(Class<S> type) {
            this.type = type;
            this.edges = new EnumMap<>(type);
        }

        /** {@code from → each of to}. */
        @SafeVarargs
        public final Builder<S> edge(S from, S... to) {
            edges.computeIfAbsent(from, f -> EnumSet.noneOf(type)).addAll(java.util.List.of(to));
            return this;
        }

        public StateTable<S> build() {
            Map<S, Set<S>> copy = new EnumMap<>(type);
            edges.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableSet(EnumSet.copyOf(v))));
            return new StateTable<>(type, java.util.Collections.unmodifiableMap(copy));
        }
    }
}
