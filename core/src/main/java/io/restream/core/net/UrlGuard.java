package io.restream.core.net;

import io.restream.core.error.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard for URLs that users hand us (overlay images, custom RTMP destinations): only the
 * allowed schemes, and no host that resolves to loopback, private, link-local, CGNAT, multicast or
 * cloud-metadata addresses, unless the operator allows private URLs or allowlists the host.
 *
 * <p>{@link #check} resolves DNS, so it blocks: call it off the event loop. Fetchers check again
 * right before connecting, since DNS can change between validation and use.
 */
public final class UrlGuard {
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");

    private final boolean allowPrivate;
    private final Set<String> allowedHosts;

    public UrlGuard(boolean allowPrivate, Set<String> allowedHosts) {
        this.allowPrivate = allowPrivate;
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    public boolean allowsPrivate() { return allowPrivate; }

    /**
     * Returns the parsed URL, or throws {@code 400 url_not_allowed} (bad scheme, no host, a refused
     * address) naming {@code field}.
     */
    public URI check(String field, String url, Set<String> schemes) {
        URI uri = parse(field, url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw refused(field, "scheme must be one of " + String.join(", ", schemes.stream().sorted().toList()));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw refused(field, "URL has no host");
        host = host.toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(host) || allowPrivate) return uri;
        if (METADATA_HOSTS.contains(host)) throw refused(field, "host is a metadata address");
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw refused(field, "host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) throw refused(field, "host resolves to a loopback, private or link-local address");
        }
        return uri;
    }

    /**
     * Like {@link #check}, and returns the address to connect to: resolved once more and checked
     * itself, so that a host whose DNS changes after the check (rebinding) is not reached.
     */
    public InetAddress checkedAddress(String field, String url, Set<String> schemes) {
        URI uri = check(field, url, schemes);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        try {
            for (InetAddress a : InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)) {
                if (allowPrivate || allowedHosts.contains(host) || !isInternal(a)) return a;
            }
        } catch (UnknownHostException e) {
            throw refused(field, "host does not resolve");
        }
        throw refused(field, "host resolves to a loopback, private or link-local address");
    }

    /** True for every address a user-given URL must not reach. */
    public static boolean isInternal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
                || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // CGNAT, incl. 100.100.100.200 (metadata)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) return true; // fc00::/7 unique local (incl. fd00:ec2::254)
            if (isIpv4Mapped(b)) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static URI parse(String field, String url) {
        if (url == null || url.isBlank() || url.length() > 2048) throw refused(field, "not a URL");
        try {
            URI uri = new URI(url.trim());
            if (!uri.isAbsolute() || uri.getRawUserInfo() != null) throw refused(field, "must be an absolute URL without user info");
            return uri;
        } catch (URISyntaxException e) {
            throw refused(field, "not a URL");
        }
    }

    private static ApiException refused(String field, String why) {
        return new ApiException(400, "url_not_allowed", field + ": " + why, java.util.Map.of(field, why));
    }
}
