package io.restream.platforms.port;

/** An open chat session; {@link #close} ends it and everything it started, and never throws. */
public interface ChatSubscription extends AutoCloseable {
    @Override
    void close();
}
