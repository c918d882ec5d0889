/**
 * Everything about Twitch: sign-in (ScribeJava, custom {@code DefaultApi20}, {@code force_verify}),
 * hourly token validation, the stream key and ingest list, chat in over the EventSub WebSocket
 * ({@code channel.chat.message} v1), chat out with {@code POST helix/chat/messages}, and viewers from
 * {@code GET helix/streams}.
 */
package io.restream.platforms.twitch;
