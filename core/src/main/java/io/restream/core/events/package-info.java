/** Per-user change notifications over Redis pub/sub (the feed of the SSE stream). */
package io.restream.core.events;
