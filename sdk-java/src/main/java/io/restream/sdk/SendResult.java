package io.restream.sdk;

/**
 * What one platform did with an outbound chat message ({@link RestreamStudio#sendChat}).
 *
 * @param platform the platform the message went to
 * @param ok whether the platform accepted it
 * @param error why not, when {@code ok} is false
 */
public record SendResult(String platform, boolean ok, ApiError error) {}
