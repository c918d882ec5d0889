/**
 * The platform simulator: Twitch, YouTube, Kick, Facebook and Instagram as the product sees them,
 * started with {@link io.restream.sim.PlatformSimulator#start}.
 */
package io.restream.sim;
