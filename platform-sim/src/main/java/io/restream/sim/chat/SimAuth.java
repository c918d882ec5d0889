package io.restream.sim.chat;

/** Whether a bearer token is one the simulated platform issued and still honours. */
@FunctionalInterface
public interface SimAuth {
    boolean valid(String platform, String token);

    /** Any non-empty token: for running the chat simulator without the rest of the simulator. */
    SimAuth ANY = (platform, token) -> token != null && !token.isBlank();
}
