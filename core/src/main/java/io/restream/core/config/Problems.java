package io.restream.core.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem so that start-up reports them all at once. */
public final class Problems {
    private final List<String> items = new ArrayList<>();

    public void add(String problem) { items.add(problem); }

    public void throwIfAny() {
        if (!items.isEmpty()) {
            throw new IllegalStateException("Invalid configuration:\n  - " + String.join("\n  - ", items));
        }
    }
}
