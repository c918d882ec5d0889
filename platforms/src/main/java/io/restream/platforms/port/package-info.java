/**
 * The ports: one small interface per platform capability, and the values they pass. Signing in
 * ({@link io.restream.platforms.port.OAuthProvider}), going live
 * ({@link io.restream.platforms.port.BroadcastSetup}), reading chat
 * ({@link io.restream.platforms.port.ChatSource}), posting into it
 * ({@link io.restream.platforms.port.ChatSender}) and counting viewers
 * ({@link io.restream.platforms.port.ViewerCounter}). The platform packages implement them.
 */
package io.restream.platforms.port;
