/**
 * Destinations without a going-live API (custom RTMP/RTMPS and Instagram): the streamer pastes the
 * ingest URL and key (or gives them per job), and there is no chat or viewer API.
 */
package io.restream.platforms.pasted;
