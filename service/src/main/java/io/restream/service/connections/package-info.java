/** A user's connections: list, pasted custom/Instagram ingests, disconnect. */
package io.restream.service.connections;
