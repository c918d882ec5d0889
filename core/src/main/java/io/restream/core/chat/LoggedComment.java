package io.restream.core.chat;

import io.restream.core.model.Comment;

/**
 * A comment with its position in the user's chat log.
 *
 * @param logId the stream entry id ({@code <ms>-<seq>}), monotonic per user: the SSE {@code id:}
 */
public record LoggedComment(String logId, Comment comment) {}
