package io.restream.sim.state;

/**
 * A simulated account on one platform.
 *
 * @param id the platform's user id (numeric string for Twitch, Kick and Facebook; {@code UC…} for YouTube)
 * @param login the login name picked on the consent page ({@code ?login=alice})
 */
public record SimUser(String id, String login, String displayName) {}
