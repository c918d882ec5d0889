package io.restream.sdk;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small program using the client, run in a child JVM by {@link StudioLifecycleIT}: starts a
 * studio, waits for its event stream, then returns from main, closing the studio or not
 * ({@code args[3]}). The JVM must then exit by itself.
 */
public final class StudioExitMain {
    private StudioExitMain() {}

    public static void main(String[] args) throws Exception {
        RestreamStudio studio = RestreamStudio.create(RestreamOptions.builder(URI.create(args[0])).secretKey(args[1]).userId(args[2]).build());
        CountDownLatch open = new CountDownLatch(1);
        studio.listen(new StudioListener() {
            @Override public void onStreamOpen() { open.countDown(); }
        });
        studio.start();
        if (!open.await(60, TimeUnit.SECONDS)) {
            System.out.println("the stream did not open");
            System.exit(3);
        }
        System.out.println("stream open, connections " + studio.connections().size());
        if (args[3].equals("close")) {
            studio.close();
            System.out.println("non-daemon after close: " + Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread()).map(Thread::getName).sorted().toList());
        }
        System.out.println("main returns");
    }
}
