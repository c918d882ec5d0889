package io.restream.worker.overlay.html;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out of the banner browser: Chromium runs with {@code --proxy-server} pointing here
 * (loopback included, {@code <-loopback>}), so every connection a page opens — documents, images,
 * fetch, WebSocket, workers, beacons, whatever the DevTools interception does not see — arrives as
 * a {@code CONNECT host:port} or an absolute-form HTTP request. The host passes the
 * {@link RequestPolicy} (the URL guard) and the proxy connects to the checked address itself;
 * a refused one gets {@code 403} and no byte leaves the machine.
 */
final class GuardProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GuardProxy.class);
    private static final int MAX_HEAD = 32 * 1024;
    private static final Set<String> HOP_HEADERS = Set.of("proxy-connection", "connection", "keep-alive",
            "proxy-authorization", "te", "upgrade");

    private final RequestPolicy policy;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "html-proxy");
        t.setDaemon(true);
        return t;
    });

    GuardProxy(RequestPolicy policy) throws IOException {
        this.policy = policy;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    int port() { return server.getLocalPort(); }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.execute(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) log.warn("banner proxy accept failed: {}", e.getMessage());
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(client.getInputStream());
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] request = lines[0].split(" ");
            if (request.length != 3) {
                reply(client, "400 Bad Request");
                return;
            }
            boolean tunnel = request[0].equalsIgnoreCase("CONNECT");
            String host;
            int port;
            URI target = null;
            if (tunnel) {
                int colon = request[1].lastIndexOf(':');
                host = request[1].substring(0, colon);
                port = Integer.parseInt(request[1].substring(colon + 1));
            } else {
                target = URI.create(request[1]);
                if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
                    reply(client, "400 Bad Request");
                    return;
                }
                host = target.getHost();
                port = target.getPort() < 0 ? 80 : target.getPort();
            }
            InetAddress address;
            try {
                address = policy.connectAddress(tunnel, host, port);
            } catch (RequestPolicy.Refused e) {
                log.debug("banner page: connection to {}:{} refused: {}", host, port, e.getMessage());
                reply(client, "403 Forbidden");
                return;
            }
            try (Socket upstream = new Socket()) {
                upstream.connect(new InetSocketAddress(address, port), 10_000);
                client.setSoTimeout(0);
                OutputStream toClient = client.getOutputStream();
                OutputStream toUpstream = upstream.getOutputStream();
                if (tunnel) {
                    toClient.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                } else {
                    toUpstream.write(originForm(request, target, lines).getBytes(StandardCharsets.ISO_8859_1));
                    toUpstream.flush();
                }
                pool.execute(() -> copy(in, toUpstream, upstream));
                copy(upstream.getInputStream(), toClient, null);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("banner proxy connection ended: {}", e.toString());
        }
    }

    /** The request as the origin server expects it: path only, hop-by-hop headers dropped, one request. */
    private static String originForm(String[] request, URI target, String[] lines) {
        StringBuilder b = new StringBuilder();
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (target.getRawQuery() != null) path += "?" + target.getRawQuery();
        b.append(request[0]).append(' ').append(path).append(' ').append(request[2]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || HOP_HEADERS.contains(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT))) continue;
            b.append(lines[i]).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) throw new IOException("connection closed before the request head ended");
            buf.write(c);
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
            if (buf.size() > MAX_HEAD) throw new IOException("request head too large");
        }
        return buf.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static void reply(Socket client, String status) throws IOException {
        client.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }

    /** Copies until EOF; then half-closes {@code halfClose} (request side) or returns (response side). */
    private static void copy(InputStream from, OutputStream to, Socket halfClose) {
        byte[] buf = new byte[16 * 1024];
        try {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
            if (halfClose != null) halfClose.shutdownOutput();
        } catch (IOException e) {
            // the other side closed; the owner closes both sockets
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("banner proxy close: {}", e.getMessage());
        }
        pool.shutdownNow();
    }
}
