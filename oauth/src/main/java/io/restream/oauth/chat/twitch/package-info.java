/**
 * Twitch chat: the EventSub WebSocket ({@code channel.chat.message} v1) in, {@code POST helix/chat/messages}
 * out, {@code GET helix/streams} for viewers.
 */
package io.restream.oauth.chat.twitch;
