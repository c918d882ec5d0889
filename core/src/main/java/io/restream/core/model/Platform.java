package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** A destination platform and what the product can do with it. */
public enum Platform {
    TWITCH(true, true, true),
    KICK(true, true, true),
    YOUTUBE(true, true, true),
    FACEBOOK(true, true, true),
    /** No platform API to go live: the streamer pastes the RTMPS URL and key. */
    INSTAGRAM(false, false, false),
    /** Any RTMP/RTMPS URL with a stream key; connection ids are {@code custom:<name>}. */
    CUSTOM(false, false, false);

    private final boolean oauth;
    private final boolean chat;
    private final boolean viewers;

    Platform(boolean oauth, boolean chat, boolean viewers) {
        this.oauth = oauth;
        this.chat = chat;
        this.viewers = viewers;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean oauth() { return oauth; }
    public boolean chat() { return chat; }
    public boolean viewers() { return viewers; }

    public static Optional<Platform> fromId(String id) {
        if (id == null) return Optional.empty();
        for (Platform p : values()) {
            if (p.id().equals(id)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The platform of a connection id: {@code twitch} or {@code custom:name}. */
    public static Optional<Platform> ofConnectionId(String connectionId) {
        if (connectionId == null) return Optional.empty();
        if (connectionId.startsWith("custom:")) return Optional.of(CUSTOM);
        return fromId(connectionId).filter(p -> p != CUSTOM);
    }
}
