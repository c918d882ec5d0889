package io.restream.core.crypto;

import java.util.Objects;

/** A secret value whose {@code toString()} never shows it, so it cannot leak into a log line. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() { return value; }

    @Override public String toString() { return "[redacted]"; }
    @Override public boolean equals(Object o) { return o instanceof Secret s && s.value.equals(value); }
    @Override public int hashCode() { return value.hashCode(); }
}
