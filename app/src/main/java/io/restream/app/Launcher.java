package io.restream.app;

import io.restream.core.config.Settings;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar restream.jar [all|service|worker|chat|sim]}: starts the role(s) from the
 * environment (docs/API.md §8) and stops them cleanly on SIGTERM, handing running jobs back.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && Role.parse(args[0]).isEmpty())) {
            System.err.println("usage: java -jar restream.jar [all|service|worker|chat|sim]");
            System.exit(2);
        }
        Role role = args.length == 0 ? Role.ALL : Role.parse(args[0]).orElseThrow();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            // The hook is in place before anything starts, so a SIGTERM during start-up stops what started.
            RunningApp.start(Settings.fromEnvironment(), role, System.out, app -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "restream-shutdown")));
        } catch (RuntimeException e) {
            System.err.println("Restream could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Workers and aggregators run on daemon threads only (their loops must never hold a JVM
        // open on their own), so without this the process would exit right after the banner. The
        // main thread is the one thing that keeps every role up until SIGTERM runs the hook.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
