/**
 * The chat aggregator role: for every running job, exactly one instance (holding the job's chat
 * lease) reads each destination's chat into the user's chat log and polls its viewer counts.
 */
package io.restream.chat;
