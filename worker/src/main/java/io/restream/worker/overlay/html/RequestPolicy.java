package io.restream.worker.overlay.html;

import io.restream.core.net.UrlGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * What an HTML banner page may load: the same {@link UrlGuard} as the overlay URL itself, for every
 * request it makes. Network schemes are {@code https} ({@code http} too when the operator allows
 * http overlays); {@code data:}, {@code blob:} and {@code about:} stay inside the browser and pass;
 * anything else ({@code file:}, {@code chrome:}, {@code ftp:}, …) is refused.
 *
 * <p>{@link #connectAddress} is what the page's proxy connects to: the guard checks the host, and
 * the address is then taken from the JVM's DNS cache, which holds the answer the guard just
 * checked (positive lookups are cached for 30 s), so a DNS rebind between check and connect cannot
 * slip in another address.
 */
final class RequestPolicy {
    static final String FIELD = "htmlBanner";
    private static final Set<String> LOCAL_SCHEMES = Set.of("data", "blob", "about");

    private final UrlGuard guard;
    private final Set<String> schemes;

    RequestPolicy(UrlGuard guard, boolean allowHttp) {
        this.guard = guard;
        this.schemes = allowHttp ? Set.of("https", "http") : Set.of("https");
    }

    /** Null when {@code url} may be requested, else why not. Blocks (DNS): not on an event loop. */
    String refusal(String url) {
        String scheme = scheme(url);
        if (LOCAL_SCHEMES.contains(scheme)) return null;
        if (!schemes.contains(scheme)) return "scheme " + (scheme.isEmpty() ? "(none)" : scheme) + " not allowed";
        try {
            guard.check(FIELD, url, schemes);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** The top-level page URL: a network URL that passes the guard. */
    String pageRefusal(String url) {
        return LOCAL_SCHEMES.contains(scheme(url)) ? "not a network URL" : refusal(url);
    }

    /**
     * The checked address to connect to for {@code host:port}. {@code tunnel} is a CONNECT (https,
     * or a WebSocket, whose scheme the proxy cannot see: checked as https).
     *
     * @throws Refused when the guard refuses it
     */
    InetAddress connectAddress(boolean tunnel, String host, int port) throws Refused {
        String scheme = tunnel ? "https" : "http";
        if (!schemes.contains(scheme)) throw new Refused("scheme " + scheme + " not allowed");
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String urlHost = bare.contains(":") ? "[" + bare + "]" : bare;
        try {
            guard.check(FIELD, scheme + "://" + urlHost + ":" + port + "/", Set.of(scheme));
            return InetAddress.getAllByName(bare)[0];
        } catch (UnknownHostException e) {
            throw new Refused("host does not resolve");
        } catch (RuntimeException e) {
            throw new Refused(e.getMessage());
        }
    }

    private static String scheme(String url) {
        try {
            String s = URI.create(url.trim()).getScheme();
            return s == null ? "" : s.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            int colon = url.indexOf(':');
            return colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        }
    }

    /** A request the guard refused. */
    static final class Refused extends Exception {
        Refused(String message) { super(message); }
    }
}
