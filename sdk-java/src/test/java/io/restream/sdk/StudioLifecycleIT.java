package io.restream.sdk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a studio leaves behind: one stream however often it is started, and no thread after close. */
class StudioLifecycleIT {
    static final Sandbox sandbox = Sandbox.get();

    static Set<Thread> nonDaemon() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }

    static List<String> sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("restream-sdk-")).sorted().toList();
    }

    @Test
    void startTwiceOpensOneStreamAndCloseEndsEveryThreadItStarted() throws Exception {
        Set<Thread> before = nonDaemon();
        assertEquals(List.of(), sdkThreads(), "no studio of another test is still running");
        Sandbox.Tenant t = sandbox.newTenant();
        RestreamStudio studio = RestreamStudio.create(sandbox.options().secretKey(t.secretKey()).userId("life_" + Tokens.random(5)).build());
        AtomicInteger opens = new AtomicInteger();
        studio.listen(new StudioListener() {
            @Override public void onStreamOpen() { opens.incrementAndGet(); }
        });
        studio.start();
        studio.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> opens.get() == 1);
        studio.connectCustom("life", "rtmp://127.0.0.1:1935/live", "k");
        // A sign-in that is still waiting for the browser when the studio closes.
        CompletableFuture<Connection> pending = studio.connect("twitch", uri -> { });
        await().atMost(Duration.ofSeconds(20)).until(() -> sdkThreads().stream().anyMatch(n -> n.startsWith("restream-sdk-connect")));
        assertEquals(1, sdkThreads().stream().filter(n -> n.equals("restream-sdk-events")).count(), sdkThreads().toString());
        assertEquals(1, opens.get(), "the second start() opened no second stream");
        assertTrue(sdkThreads().contains("restream-sdk-listeners"));

        studio.close();

        assertEquals(List.of(), sdkThreads(), "close() ended every thread the studio started");
        // This JVM also runs the sandbox's worker, chat and simulator, whose Vert.x and Lettuce threads come and go.
        List<String> leftOver = nonDaemon().stream().filter(th -> !before.contains(th)).map(Thread::getName)
                .filter(n -> !n.startsWith("vert.x-") && !n.startsWith("lettuce-")).toList();
        assertEquals(List.of(), leftOver, "no non-daemon thread was left");
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertInstanceOf(RestreamException.class, e.getCause(), "the waiting sign-in ended with the studio");
        assertThrows(IllegalStateException.class, studio::start, "a closed studio does not start again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"close", "no-close"})
    void aJvmUsingTheClientExitsByItself(String mode) throws Exception {
        Sandbox.Tenant t = sandbox.newTenant();
        Path out = Files.createTempFile("studio-exit", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), StudioExitMain.class.getName(),
                sandbox.apiBase, t.secretKey(), "exit_" + Tokens.random(5), mode)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the JVM did not exit by itself: " + Files.readString(out));
            assertEquals(0, p.exitValue(), Files.readString(out));
            assertTrue(Files.readString(out).contains("main returns"), Files.readString(out));
            if (mode.equals("close")) assertTrue(Files.readString(out).contains("non-daemon after close: []"), Files.readString(out));
        } finally {
            p.destroyForcibly();
        }
    }
}
