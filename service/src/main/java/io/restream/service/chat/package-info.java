/**
 * Chat and viewers for users (docs/API.md §5): the merged chat log, sending chat to the live job's
 * platforms, and the viewer counts of the live job.
 */
package io.restream.service.chat;
