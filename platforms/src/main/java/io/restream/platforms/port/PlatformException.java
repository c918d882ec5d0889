package io.restream.platforms.port;

/** A platform refused or failed; {@code code} becomes the broadcast's or job's error code. */
public class PlatformException extends Exception {
    private final String code;

    public PlatformException(String code, String message) {
        super(message);
        this.code = code;
    }

    public PlatformException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() { return code; }
}
