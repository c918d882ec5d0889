/** Kick: OAuth 2.1 sign-in with mandatory PKCE, rotating refresh tokens, the channel's RTMPS ingest URL and key. */
package io.restream.oauth.kick;
