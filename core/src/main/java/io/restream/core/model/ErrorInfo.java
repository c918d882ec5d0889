package io.restream.core.model;

/** {@code { code, message }} as carried by a job or a broadcast. */
public record ErrorInfo(String code, String message) {}
