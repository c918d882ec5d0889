package io.restream.worker.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback servers that an untrusted page must never reach: one on 127.0.0.2 and one on [::1]
 * (hosts that are not allowlisted even when the test page's own 127.0.0.1 is). Counts every
 * connection, whatever the protocol, and answers HTTP 200 so that a leak would also "work".
 */
public final class Trap implements AutoCloseable {
    private final ServerSocket v4;
    private final ServerSocket v6;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public Trap() throws IOException {
        v4 = new ServerSocket();
        v4.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        v6 = new ServerSocket();
        v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        for (ServerSocket s : List.of(v4, v6)) {
            Acceptor.start(s, accepted, this::answer, "trap");
        }
    }

    private void answer(Socket s) {
        connections.incrementAndGet();
        try (s) {
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes());
        } catch (IOException e) {
            // the page went away
        }
    }

    /** {@code host:port} of the IPv4 trap (127.0.0.2). */
    public String v4() { return "127.0.0.2:" + v4.getLocalPort(); }

    /** {@code [::1]:port} of the IPv6 trap. */
    public String v6() { return "[::1]:" + v6.getLocalPort(); }

    public int v4Port() { return v4.getLocalPort(); }

    public int connections() { return connections.get(); }

    /**
     * A page that tries every way out to the traps: images, an iframe, fetch, XHR, WebSocket, a
     * redirect through {@code redirectVia} (the page's own allowed origin), a beacon, EventSource, a
     * worker's fetch, CSS, and IPv4-mapped/decimal spellings; then fetches {@code donePath} on its own
     * origin so the test knows it has tried, and finally navigates itself to the trap.
     */
    public String attackPage(String ownOrigin, String donePath) {
        String a = "http://" + v4();
        String b = "http://" + v6();
        String mapped = "http://[::ffff:127.0.0.2]:" + v4.getLocalPort();
        String decimal = "http://2130706434:" + v4.getLocalPort();
        String redirect = ownOrigin + "/redirect?to=" + java.net.URLEncoder.encode(a + "/redirected", java.nio.charset.StandardCharsets.UTF_8);
        return "<!doctype html><html><head><style>body{background:url(" + a + "/css.png)}</style>"
                + "<link rel=prefetch href='" + a + "/prefetch'></head><body>"
                + "<img src='" + a + "/img.png'><img src='" + b + "/img6.png'><img src='" + mapped + "/mapped.png'>"
                + "<img src='" + decimal + "/decimal.png'><img src='" + redirect + "'>"
                + "<iframe src='" + a + "/frame'></iframe><iframe src='" + b + "/frame6'></iframe>"
                + "<script>"
                + "const tries=[];const t=(f)=>{try{const p=f();if(p&&p.catch)tries.push(p.catch(()=>0));}catch(e){}};"
                + "t(()=>fetch('" + a + "/fetch',{mode:'no-cors'}));t(()=>fetch('" + b + "/fetch6',{mode:'no-cors'}));"
                + "t(()=>fetch('" + redirect + "',{mode:'no-cors'}));"
                + "t(()=>{const x=new XMLHttpRequest();x.open('GET','" + a + "/xhr');x.send();});"
                + "t(()=>new WebSocket('ws://" + v4() + "/ws'));t(()=>new WebSocket('ws://" + v6() + "/ws6'));"
                + "t(()=>new WebSocket('wss://" + v4() + "/wss'));"
                + "t(()=>navigator.sendBeacon('" + a + "/beacon','x'));t(()=>new EventSource('" + a + "/sse'));"
                + "t(()=>new Worker(URL.createObjectURL(new Blob([\"fetch('" + a + "/worker',{mode:'no-cors'}).catch(()=>0)\"],"
                + "{type:'text/javascript'}))));"
                + "t(()=>window.open('" + a + "/popup'));"
                + "setTimeout(()=>fetch('" + donePath + "').finally(()=>{location.href='" + a + "/nav';}),1500);"
                + "</script></body></html>";
    }

    @Override
    public void close() throws IOException {
        v4.close();
        v6.close();
        for (Socket s : accepted) s.close();
    }
}
