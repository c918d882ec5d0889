package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a credential may do (docs/API.md §1). */
public enum Scope {
    CONNECT("connect"),
    RESTREAM("restream"),
    READ("read"),
    CHAT_WRITE("chat:write");

    private final String id;

    Scope(String id) { this.id = id; }

    @JsonValue
    public String id() { return id; }

    public static Optional<Scope> fromId(String id) {
        for (Scope s : values()) {
            if (s.id.equals(id)) return Optional.of(s);
        }
        return Optional.empty();
    }

    public static Set<Scope> all() { return EnumSet.allOf(Scope.class); }
}
