package io.restream.service.auth;

/** An operator's customer: an app whose users go live through Restream. */
public record Client(String id, String name, long createdAt) {}
