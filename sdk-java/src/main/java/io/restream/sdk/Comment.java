package io.restream.sdk;

/**
 * An inbound chat message from any platform (API.md §5).
 *
 * @param id stable per platform message ({@code "<platform>:<message id>"}): the same message never
 *     arrives twice
 * @param platform where it was written
 * @param author the viewer's display name
 * @param message the text
 * @param timestamp when it was written, epoch milliseconds
 */
public record Comment(String id, String platform, String author, String message, long timestamp) {}
