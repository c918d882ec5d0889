/** Jobs in Redis: goLive with supersede as one atomic script, stops, state changes and leases. */
package io.restream.core.jobs;
