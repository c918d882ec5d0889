package io.restream.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/** The Job of docs/API.md §4, as every client sees it. */
public record Job(
        String id,
        String userId,
        JobStatus status,
        String publisherSessionId,
        List<String> destinations,
        List<String> trackNames,
        Overlay overlay,
        boolean recording,
        List<Broadcast> broadcasts,
        @JsonInclude(Include.NON_NULL) JobStats stats,
        @JsonInclude(Include.NON_NULL) ErrorInfo error,
        @JsonInclude(Include.NON_NULL) String supersededBy,
        long createdAt,
        @JsonInclude(Include.NON_NULL) Long startedAt,
        @JsonInclude(Include.NON_NULL) Long endedAt,
        @JsonInclude(Include.NON_NULL) String title,
        @JsonInclude(Include.NON_NULL) String description,

        @JsonInclude(Include.NON_NULL) SourceStatus source) {}
