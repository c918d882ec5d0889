/**
 * {@code GET /api/v1/events}: one Server-Sent Events stream per user. {@link io.restream.service.events.EventHub}
 * holds this node's one Redis pub/sub connection and fans each message of a user's channel out to
 * that user's streams on this node; {@link io.restream.service.events.SseStream} replays the chat
 * log, sends the current state, then goes live without a gap or a repeat.
 */
package io.restream.service.events;
