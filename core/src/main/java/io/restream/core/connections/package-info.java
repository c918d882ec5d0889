/** A user's connected destinations, with their tokens and stream keys sealed at rest. */
package io.restream.core.connections;
