/**
 * Destinations: one {@link io.restream.worker.destinations.Destination} per connection of a job,
 * each with its own feed from the hub, its own RTMP(S) connection
 * ({@link io.restream.worker.destinations.RtmpPublisher}, in the JVM, no process) and its own thread, so that one that is
 * slow, refuses or dies affects no other. The push URL comes from the platform's
 * {@link io.restream.platforms.port.BroadcastSetup}, the same port for custom, Instagram and OAuth platforms.
 */
package io.restream.worker.destinations;
