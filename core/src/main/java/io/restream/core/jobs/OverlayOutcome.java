package io.restream.core.jobs;

/** What an overlay PATCH did. */
public enum OverlayOutcome { APPLIED, NOT_FOUND, INACTIVE, SUPERSEDED }
