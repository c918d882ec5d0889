package io.restream.core.net;

import io.restream.core.error.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SSRF guard for URLs that users hand us (overlay images, custom RTMP destinations, webhooks):
 * only the allowed schemes; only hosts spelled as a canonical dotted quad, a bracketed IPv6 literal
 * or a DNS name (so {@code 0177.0.0.1}, {@code 0x7f.1} or {@code 127.1}, which Java and glibc read
 * differently, never pass); and no host that is or resolves to a loopback, private, link-local,
 * CGNAT, multicast, metadata or other special address, including IPv6 forms that embed one
 * ({@link SpecialAddresses}), unless the operator allows private URLs or allowlists the host.
 *
 * <p>{@link #check} and {@link #resolve} resolve DNS, so they block: call them off the event loop.
 * A fetcher should connect to the address {@link #resolve} returns (so DNS cannot change between the
 * check and the connection), and a push re-checks before every reconnect.
 */
public final class UrlGuard {
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");
    /** Every label a number as inet_aton reads one (decimal, 0-octal, 0x-hex): an IPv4 spelling. */
    private static final Pattern NUMERIC_LABELS = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-f:.]{2,45}\\]");

    private final boolean allowPrivate;
    private final Set<String> allowedHosts;

    public UrlGuard(boolean allowPrivate, Set<String> allowedHosts) {
        this.allowPrivate = allowPrivate;
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    public boolean allowsPrivate() { return allowPrivate; }

    /**
     * A URL that passed, and the address it was checked against: connect to that one. The address
     * is null only for a host the operator trusts (allowlisted, or private URLs allowed) that does
     * not resolve right now.
     */
    public record Checked(URI uri, InetAddress address) {}

    /**
     * Returns the parsed URL, or throws {@code 400 url_not_allowed} (bad scheme, no host, a refused
     * spelling or address) naming {@code field}.
     */
    public URI check(String field, String url, Set<String> schemes) {
        return resolve(field, url, schemes).uri();
    }

    /** Like {@link #check}, and returns the checked address to connect to (the first the host resolves to). */
    public Checked resolve(String field, String url, Set<String> schemes) {
        URI uri = parse(field, url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw refused(field, "scheme must be one of " + String.join(", ", schemes.stream().sorted().toList()));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw refused(field, "URL has no host (or one spelled in a way that is not allowed)");
        host = host.toLowerCase(Locale.ROOT);
        boolean literal = checkSpelling(field, host);
        boolean trusted = allowedHosts.contains(host) || allowPrivate;
        if (!trusted && METADATA_HOSTS.contains(host)) throw refused(field, "host is a metadata address");
        InetAddress[] addresses;
        try {
            addresses = literal ? new InetAddress[] {InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)}
                    : InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (trusted) return new Checked(uri, null); // the operator vouches for it; the connection resolves it
            throw refused(field, "host does not resolve");
        }
        if (!trusted) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) throw refused(field, "host is or resolves to a loopback, private, link-local or special address");
            }
        }
        return new Checked(uri, addresses[0]);
    }

    /** Refuses any spelling but a canonical dotted quad, a bracketed IPv6 literal or a DNS name; true for IP literals. */
    private static boolean checkSpelling(String field, String host) {
        if (host.startsWith("[")) {
            if (!IPV6_LITERAL.matcher(host).matches()) throw refused(field, "not a plain IPv6 literal");
            return true;
        }
        if (NUMERIC_LABELS.matcher(host).matches()) {
            if (!DOTTED_QUAD.matcher(host).matches()) throw refused(field, "an IPv4 address must be four decimal numbers without leading zeros");
            return true;
        }
        if (!DNS_NAME.matcher(host).matches()) throw refused(field, "host is not a DNS name");
        return false;
    }

    /** True for every address a user-given URL must not reach. */
    public static boolean isInternal(InetAddress a) {
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || SpecialAddresses.internal(a);
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
