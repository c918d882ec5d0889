package io.restream.core.connections;

import io.restream.core.model.Connection;

/** A connection with its decrypted secrets, for the roles that push to it or call its platform. */
public record StoredConnection(Connection connection, ConnectionSecrets secrets) {}
