/**
 * The simulator's chat and viewers: viewers writing in chat delivered each platform's way (Twitch
 * EventSub WebSocket, YouTube {@code liveChat/messages} pages, Kick signed webhooks, Facebook
 * {@code live_comments} Server-Sent Events), the platforms' send-chat and viewer-count endpoints,
 * and the control routes {@code /sim/{platform}/chat}, {@code /chat/sent}, {@code /viewers}.
 */
package io.restream.sim.chat;
