package io.restream.service.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.json.Json;
import io.restream.service.TestApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's SSRF spellings against the running API with private URLs off: every custom
 * destination, Instagram ingest, goLive ingest override and overlay (at goLive and PATCH) naming a
 * loopback listener in any of those spellings is refused with {@code 400 url_not_allowed}, and the
 * listener (on IPv4 and IPv6 loopback) sees not one connection.
 */
class SsrfSpellingsIT {
    /** Each reaches 127.0.0.1 or ::1 for some resolver; {@code %d} is the listener's port. */
    static final List<String> HOSTS = List.of(
            "0177.0.0.1:%d", "0177.0.0.01:%d", "0x7f.0.0.1:%d", "0x7f000001:%d", "2130706433:%d", "127.1:%d", "127.0.1:%d",
            "127.0.0.1.:%d", "127.0.0.1:%d", "localhost:%d", "[::1]:%d", "[::127.0.0.1]:%d", "[::ffff:127.0.0.1]:%d",
            "[::ffff:7f00:1]:%d", "[64:ff9b::7f00:1]:%d", "[64:ff9b::a9fe:a9fe]:%d", "[2002:7f00:1::]:%d", "[::]:%d", "0.0.0.0:%d");

    @Test
    void everySpellingIsRefusedAndTheListenerSeesNoConnection() throws Exception {
        try (Listener v4 = new Listener(InetAddress.getByName("127.0.0.1"), 0);
             Listener v6 = new Listener(InetAddress.getByName("::1"), v4.port());
             TestApi api = new TestApi(Map.of("RESTREAM_ALLOW_PRIVATE_URLS", "false"))) {
            TestApi.Tenant t = api.newTenant();
            var user = t.as("ssrf");
            assertEquals(201, api.connectCustom(user, "public", "rtmp://8.8.8.8/live").status());
            assertEquals(201, api.goLive(user, List.of("custom:public")).status(), "a queued job for the overlay PATCH");
            List<String> accepted = new ArrayList<>();
            for (String template : HOSTS) {
                String host = String.format(template, v4.port());
                expectRefused(accepted, api.connectCustom(user, "probe", "rtmp://" + host + "/live"), "custom " + host);
                expectRefused(accepted, api.connectCustom(user, "probe", "rtmps://" + host + "/live"), "custom rtmps " + host);
                expectRefused(accepted, api.call("POST", "/api/v1/connections/instagram", user,
                        Json.write(Map.of("url", "rtmps://" + host + "/rtmp/", "streamKey", "k"))), "instagram " + host);
                expectRefused(accepted, api.call("POST", "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-x",
                        "destinations", List.of("custom:public"), "overlay", Map.of("topBanner", "https://" + host + "/b.png")))), "goLive overlay " + host);
                expectRefused(accepted, api.call("PATCH", "/api/v1/jobs/current/overlay", user,
                        Json.write(Map.of("bottomBanner", "https://" + host + "/b.png"))), "PATCH overlay " + host);
                expectRefused(accepted, api.call("PATCH", "/api/v1/jobs/current/overlay", user,
                        Json.write(Map.of("htmlBanner", "https://" + host + "/banner.html"))), "PATCH html overlay " + host);
            }
            assertTrue(accepted.isEmpty(), "accepted: " + accepted);
            assertEquals(0, v4.connections.get() + v6.connections.get(), "no connection reached the loopback listener");
        }
    }

    private static void expectRefused(List<String> accepted, TestApi.Res r, String what) {
        if (r.status() != 400 || !"url_not_allowed".equals(r.errorCode())) accepted.add(what + " → " + r.status() + " " + r.text());
    }

    /** Counts every connection made to it. */
    static final class Listener implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();

        Listener(InetAddress address, int port) throws IOException {
            ServerSocket s;
            try {
                s = new ServerSocket(port, 50, address);
            } catch (IOException e) {
                s = new ServerSocket(0, 50, address); // the same port is taken on ::1: any port still proves nothing connects there
            }
            server = s;
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket ignored = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "ssrf-listener");
            t.setDaemon(true);
            t.start();
        }

        int port() { return server.getLocalPort(); }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
