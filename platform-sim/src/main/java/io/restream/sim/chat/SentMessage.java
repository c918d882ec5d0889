package io.restream.sim.chat;

/** A message the service posted into a simulated chat. */
public record SentMessage(String channel, String message, long at) {}
