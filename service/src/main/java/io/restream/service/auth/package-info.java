/**
 * Who is calling: the admin token, secret and publishable keys (stored as hashes), EdDSA session
 * tokens with rotating signing keys, scopes, origins, and the per-credential rate limit.
 */
package io.restream.service.auth;
