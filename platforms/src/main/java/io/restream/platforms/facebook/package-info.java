/**
 * Everything about Facebook: Facebook Login with the long-lived token exchange, a live video per job
 * (RTMPS) ended on stop, chat in over the {@code live_comments} Server-Sent Events stream, chat out
 * with {@code POST /{live-video-id}/comments}, viewers from {@code ?fields=live_views}.
 */
package io.restream.platforms.facebook;
