/** The Redis connection, the embedded server and the key layout. */
package io.restream.core.redis;
