/**
 * Everything about Kick: OAuth 2.1 sign-in with mandatory PKCE and rotating refresh tokens, the
 * channel's RTMPS ingest URL and key, chat in through {@code chat.message.sent} webhooks (subscribed
 * with {@code POST public/v1/events/subscriptions}, received by the service and verified with Kick's
 * RSA public key), chat out with {@code POST public/v1/chat}, viewers from {@code GET public/v2/livestreams}.
 */
package io.restream.platforms.kick;
