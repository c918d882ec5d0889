/** The registry of live worker processes (heartbeats with a TTL). */
package io.restream.core.workers;
