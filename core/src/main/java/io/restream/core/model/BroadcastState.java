package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** One destination's push: {@code pending | connecting | live | reconnecting | failed | stopped}. */
public enum BroadcastState {
    PENDING, CONNECTING, LIVE, RECONNECTING, FAILED, STOPPED;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static BroadcastState of(String id) { return valueOf(id.toUpperCase(Locale.ROOT)); }
}
