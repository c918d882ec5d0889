package io.restream.sdk;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The studio's listeners and the one thread that calls them, in order. A listener that throws is
 * logged and stays registered; closing a registration stops its callbacks, including those queued.
 */
final class Listeners {
    private static final System.Logger log = System.getLogger(Listeners.class.getName());

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;
    private volatile Thread worker;

    Listeners() {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "restream-sdk-listeners");
            t.setDaemon(true);
            worker = t;
            return t;
        });
    }

    AutoCloseable add(StudioListener listener) {
        Registration r = new Registration(listener);
        registrations.add(r);
        return r;
    }

    /** Queues {@code call} for every listener registered when it runs. */
    void emit(Consumer<StudioListener> call) {
        try {
            thread.execute(() -> {
                for (Registration r : registrations) {
                    if (!r.active) continue;
                    try {
                        call.accept(r.listener);
                    } catch (Throwable e) {
                        // One line per failure: a listener that throws on every event must not flood the log with traces.
                        log.log(Level.WARNING, "a StudioListener threw (it stays registered): {0}", e.toString());
                        log.log(Level.DEBUG, "the listener's failure", e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            // The studio is closed: nobody is listening any more.
        }
    }

    /** Ends the listener thread; queued calls are dropped. */
    void close() {
        thread.shutdownNow();
        if (Thread.currentThread() == worker) return; // closed from a callback: the thread ends after it returns
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Registration implements AutoCloseable {
        final StudioListener listener;
        volatile boolean active = true;

        Registration(StudioListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            active = false;
            registrations.remove(this);
        }
    }
}
