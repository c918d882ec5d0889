package io.restream.sdk;

/**
 * A destination the user has linked (API.md §3).
 *
 * @param id {@code twitch}, {@code kick}, … or {@code custom:<name>}; the id to pass to
 *     {@link GoLive} and {@link RestreamStudio#disconnect}
 * @param platform the platform, e.g. {@code twitch} or {@code custom}
 * @param platformUsername the account name on the platform (the name for custom destinations)
 * @param needsReconnect the platform refused to renew access: connect it again
 */
public record Connection(String id, String platform, String platformUsername, boolean needsReconnect) {}
