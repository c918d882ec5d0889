/**
 * The merged chat of a user and the viewer counts of their live job, as kept in Redis: the chat
 * log (a stream whose entry ids are the SSE ids), the dedupe set, the viewer hash, and the keys the
 * chat aggregator and the webhook receiver share.
 */
package io.restream.core.chat;
