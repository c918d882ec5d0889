package io.restream.sdk;

/**
 * One destination's push within a {@link Job}.
 *
 * @param destination the connection id ({@code twitch}, {@code custom:studio}, …)
 * @param platform the platform of that connection
 * @param state {@code pending}, {@code connecting}, {@code live}, {@code reconnecting}, {@code failed} or {@code stopped}
 * @param watchUrl where viewers watch, when the platform has one (null otherwise)
 */
public record Broadcast(String destination, String platform, String state, String watchUrl) {}
