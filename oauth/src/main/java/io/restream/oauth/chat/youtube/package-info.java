/**
 * YouTube chat: {@code liveChat/messages} polled with {@code pageToken}, honouring
 * {@code pollingIntervalMillis}; {@code POST liveChat/messages} out; {@code videos?part=liveStreamingDetails}
 * for viewers. The live chat id comes from the job's broadcast ({@code snippet.liveChatId}).
 */
package io.restream.oauth.chat.youtube;
