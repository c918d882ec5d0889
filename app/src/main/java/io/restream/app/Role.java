package io.restream.app;

import java.util.Locale;
import java.util.Optional;

/** What one process runs: {@code all} (the default) or a single role for multi-machine deployments. */
public enum Role {
    ALL, SERVICE, WORKER, CHAT, SIM;

    public boolean runs(Role role) {
        return this == ALL || this == role;
    }

    public static Optional<Role> parse(String arg) {
        try {
            return Optional.of(valueOf(arg.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
