package io.restream.platforms.port;

import java.util.Map;

/**
 * The platform account that signed in.
 *
 * @param username what users recognise (Twitch login, YouTube channel title, Kick username, Facebook name)
 * @param extra values the adapters need later, stored with the connection's secrets (e.g. {@code slug})
 */
public record PlatformIdentity(String userId, String username, Map<String, String> extra) {}
