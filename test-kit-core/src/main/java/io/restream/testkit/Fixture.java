package io.restream.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Anything a test opens and must close, as a JUnit 5 extension, so a test class states it in one
 * line instead of a field, a {@code @BeforeAll} and an {@code @AfterAll}:
 * <pre>{@code
 * @RegisterExtension static final Fixture<TestApi> api = Fixture.perClass(TestApi::new);
 * @RegisterExtension final Fixture<TestWorld> world = Fixture.perTest(TestWorld::new);
 * }</pre>
 * A per-class fixture (on a static field) opens before the class's {@code @BeforeAll} methods and
 * closes after its {@code @AfterAll} methods; a per-test one (on an instance field) opens before
 * each test's {@code @BeforeEach} methods and closes after its {@code @AfterEach} methods.
 */
public final class Fixture<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    /** Opens the fixture; may throw what the fixture's constructor throws. */
    @FunctionalInterface
    public interface Opener<T> {
        T open() throws Exception;
    }

    private final Opener<T> opener;
    private final boolean perTest;
    private T value;

    private Fixture(Opener<T> opener, boolean perTest) {
        this.opener = opener;
        this.perTest = perTest;
    }

    /** Opened once for the class: register on a static field. */
    public static <T extends AutoCloseable> Fixture<T> perClass(Opener<T> opener) {
        return new Fixture<>(opener, false);
    }

    /** Opened afresh for every test: register on an instance field. */
    public static <T extends AutoCloseable> Fixture<T> perTest(Opener<T> opener) {
        return new Fixture<>(opener, true);
    }

    /** The open fixture. */
    public synchronized T get() {
        if (value == null) throw new IllegalStateException("the fixture is not open: register it with @RegisterExtension");
        return value;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!perTest) open();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!perTest) close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (perTest) open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (perTest) close();
    }

    private synchronized void open() throws Exception {
        if (value == null) value = opener.open();
    }

    private synchronized void close() throws Exception {
        T open = value;
        value = null;
        if (open != null) open.close();
    }
}
