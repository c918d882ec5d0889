package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The job's source as the worker sees it (API.md §4 {@code job.source}): {@code live}, or
 * {@code lost} since {@code lostAt} (epoch ms) while the standby picture is on air.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceStatus(String state, Long lostAt) {
    public static final String LIVE = "live";
    public static final String LOST = "lost";

    public static SourceStatus live() { return new SourceStatus(LIVE, null); }

    public static SourceStatus lost(long lostAt) { return new SourceStatus(LOST, lostAt); }
}
