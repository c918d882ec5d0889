package io.restream.sim.state;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the simulator knows, shared by its parts (OAuth, REST APIs, ingest, control, chat):
 * per platform the accounts and tokens ({@link SimPlatform}), the platforms' objects
 * ({@link SimResources}: YouTube streams and broadcasts, Facebook live videos), the stream keys it
 * handed out, and the consent options.
 */
public final class SimState {
    public static final String DEFAULT_LOGIN = "streamer";

    /** Who a stream key belongs to. */
    public record KeyOwner(String platform, String userId) {}

    private final Map<String, SimPlatform> platforms = new LinkedHashMap<>();
    private final SimResources resources = new SimResources();
    private final Map<String, KeyOwner> streamKeys = new ConcurrentHashMap<>();
    private volatile boolean autoApprove;
    private volatile String autoApproveLogin = DEFAULT_LOGIN;

    public SimState(boolean autoApprove) {
        this.autoApprove = autoApprove;
        // Access token lifetimes as the platforms document them (Twitch ~4 h, Google 1 h, Kick 2 h,
        // Facebook short-lived ~1-2 h before the long-lived exchange).
        platforms.put("twitch", new SimPlatform("twitch", Duration.ofHours(4)));
        platforms.put("youtube", new SimPlatform("youtube", Duration.ofHours(1)));
        platforms.put("kick", new SimPlatform("kick", Duration.ofHours(2)));
        platforms.put("facebook", new SimPlatform("facebook", Duration.ofHours(2)));
    }

    /** The OAuth platform, or null for any other name. */
    public SimPlatform platform(String id) {
        return platforms.get(id);
    }

    public Collection<SimPlatform> platforms() {
        return platforms.values();
    }

    public SimResources resources() {
        return resources;
    }

    public void registerStreamKey(String key, String platform, String userId) {
        streamKeys.put(key, new KeyOwner(platform, userId));
    }

    public Optional<KeyOwner> streamKeyOwner(String key) {
        return Optional.ofNullable(key == null ? null : streamKeys.get(key));
    }

    public boolean autoApprove() { return autoApprove; }
    public void autoApprove(boolean value) { this.autoApprove = value; }
    public String autoApproveLogin() { return autoApproveLogin; }
    public void autoApproveLogin(String login) { this.autoApproveLogin = login; }
}
