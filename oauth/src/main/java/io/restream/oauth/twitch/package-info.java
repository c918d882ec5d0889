/** Twitch: sign-in (ScribeJava, custom {@code DefaultApi20}), hourly token validation, stream key + ingest list. */
package io.restream.oauth.twitch;
