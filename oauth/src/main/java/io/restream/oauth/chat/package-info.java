/**
 * The chat and viewer ports: {@link io.restream.oauth.chat.ChatSource} (read a live job's chat the
 * platform's way), {@link io.restream.oauth.chat.ChatSender} (post into it) and
 * {@link io.restream.oauth.chat.ViewerCounter} (how many watch). The adapters live in the
 * {@code chat-aggregator} module, one package per platform; {@link io.restream.oauth.chat.ChatAdapters}
 * is the map from a platform to them.
 */
package io.restream.oauth.chat;
