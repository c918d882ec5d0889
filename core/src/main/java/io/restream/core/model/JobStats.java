package io.restream.core.model;

/** Encoder progress as reported by the worker. */
public record JobStats(double fps, int bitrateKbps, long droppedFrames, double speed, long uptimeMs) {}
