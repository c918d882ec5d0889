/**
 * Facebook chat: the {@code live_comments} Server-Sent Events stream of the live video in,
 * {@code POST /{live-video-id}/comments} out, {@code ?fields=live_views} for viewers.
 */
package io.restream.oauth.chat.facebook;
