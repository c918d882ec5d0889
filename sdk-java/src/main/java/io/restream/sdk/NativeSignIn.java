package io.restream.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link RestreamStudio#connect}: the OAuth connect of a native app (API.md §3, RFC 8252), one
 * daemon thread per sign-in:
 *
 * <pre>
 * listen on 127.0.0.1:&lt;any&gt; → POST …/{platform}/authorize { returnUrl } → openBrowser(authorizeUrl)
 *   → the browser returns to returnUrl?platform=…&amp;confirmation=… → POST …/{platform}/confirm → Connection
 * </pre>
 *
 * The sign-in fails when the user denies consent (the callback brings {@code error}), after the
 * ten minutes an {@code authorizeUrl} lives, or when the studio closes.
 */
final class NativeSignIn {
    static final long WAIT_MS = 10 * 60_000;

    private final Http http;
    private final Function<String, String> pathOf;
    private final Runnable afterConnect;
    private final Set<LoopbackReceiver> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** @param pathOf turns a platform into its encoded path segment; {@code afterConnect} refreshes the connections */
    NativeSignIn(Http http, Function<String, String> pathOf, Runnable afterConnect) {
        this.http = http;
        this.pathOf = pathOf;
        this.afterConnect = afterConnect;
    }

    CompletableFuture<Connection> connect(String platform, Consumer<URI> openBrowser) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        LoopbackReceiver receiver;
        try {
            receiver = new LoopbackReceiver();
        } catch (IOException e) {
            result.completeExceptionally(new RestreamException(0, "network_error", "cannot listen on loopback for the sign-in: " + e, e));
            return result;
        }
        open.add(receiver);
        result.whenComplete((c, e) -> receiver.close()); // also when the caller cancels
        Thread t = new Thread(() -> {
            try {
                result.complete(run(platform, openBrowser, receiver));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                receiver.close();
                open.remove(receiver);
                threads.remove(Thread.currentThread());
            }
        }, "restream-sdk-connect-" + platform);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return result;
    }

    private Connection run(String platform, Consumer<URI> openBrowser, LoopbackReceiver receiver) throws IOException {
        String segment = pathOf.apply(platform);
        JsonNode a = http.call("POST", "/api/v1/connections/" + segment + "/authorize", Map.of("returnUrl", receiver.returnUrl()));
        openBrowser.accept(URI.create(a.path("authorizeUrl").asText()));
        Connection[] linked = new Connection[1];
        try {
            receiver.await(System.currentTimeMillis() + WAIT_MS, params -> {
                String error = params.get("error");
                if (error != null) {
                    String message = params.getOrDefault("message", params.getOrDefault("error_description", error));
                    throw new RestreamException(400, error, platform + " was not connected: " + message, Map.of());
                }
                JsonNode c = http.call("POST", "/api/v1/connections/" + segment + "/confirm", Map.of("confirmation", params.get("confirmation")));
                linked[0] = Json.as(c, Connection.class);
                return "<h1>" + LoopbackReceiver.escape(platform) + " is connected</h1><p>You can close this window.</p>";
            });
        } catch (java.net.SocketTimeoutException e) {
            throw new RestreamException(0, "timeout", "the browser did not come back within " + WAIT_MS / 60_000 + " minutes", e);
        } catch (java.net.SocketException e) {
            throw new RestreamException(0, "cancelled", "the sign-in ended before the browser came back", e);
        }
        afterConnect.run();
        return linked[0];
    }

    /** Ends every sign-in still waiting (the studio is closing). */
    void close() {
        open.forEach(LoopbackReceiver::close);
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
