package io.restream.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A part of the test world as a JUnit 5 extension: register it on a static field with
 * {@code @RegisterExtension}; it starts before the class's {@code @BeforeAll} methods and stops
 * after its {@code @AfterAll} methods. Parts that need another part start it themselves, so the
 * order of the fields does not matter; starting and closing twice is harmless.
 */
public abstract class Kit implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private boolean started;
    private boolean closed;

    /** Starts this part (and the parts it needs) unless it runs already. */
    public final synchronized void start() {
        if (started) return;
        try {
            doStart();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(getClass().getSimpleName() + " did not start", e);
        }
        started = true;
    }

    protected final synchronized void requireStarted() {
        if (!started) throw new IllegalStateException(getClass().getSimpleName() + " is not started: register it with @RegisterExtension or call start()");
    }

    protected abstract void doStart() throws Exception;

    protected abstract void doClose();

    @Override
    public final synchronized void close() {
        if (!started || closed) return;
        closed = true;
        doClose();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
