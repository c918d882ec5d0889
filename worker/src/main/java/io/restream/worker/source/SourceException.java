package io.restream.worker.source;

/** The source cannot be used; {@code code} becomes the job's error code. */
public final class SourceException extends Exception {
    private final String code;

    public SourceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() { return code; }
}
