/**
 * Kick chat: {@code chat.message.sent} webhooks (subscribed with {@code POST public/v1/events/subscriptions},
 * received by the service and verified with Kick's RSA public key), {@code POST public/v1/chat} out,
 * {@code GET public/v2/livestreams} for viewers.
 */
package io.restream.oauth.chat.kick;
