package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code queued | running | stopping | stopped | failed | ended}; see docs/DESIGN.md §3. */
public enum JobStatus {
    QUEUED, RUNNING, STOPPING, STOPPED, FAILED, ENDED;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static JobStatus of(String id) { return valueOf(id.toUpperCase(Locale.ROOT)); }

    /** Queued, running or stopping: the job still holds (or may yet hold) its destinations. */
    public boolean isActive() { return this == QUEUED || this == RUNNING || this == STOPPING; }

    public boolean isTerminal() { return !isActive(); }
}
