package io.restream.core.model;

/** One chat message from any platform; {@code id} is {@code <platform>:<platform message id>}. */
public record Comment(String id, Platform platform, String author, String authorAvatar, String message, long timestamp) {}
