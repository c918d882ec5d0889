/**
 * Everything about YouTube: Google sign-in with PKCE, a reusable live stream per connection and a
 * bound broadcast per job (completed on stop), chat in over the {@code streamList} stream (polling
 * {@code liveChat/messages} where the stream is refused, honouring {@code pollingIntervalMillis}),
 * chat out with {@code POST liveChat/messages}, viewers from {@code videos?part=liveStreamingDetails}.
 */
package io.restream.platforms.youtube;
