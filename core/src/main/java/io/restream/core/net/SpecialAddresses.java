package io.restream.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which IP addresses a user-given URL must never reach: loopback, private, link-local, CGNAT,
 * multicast, documentation, benchmarking and other special-purpose ranges (RFC 6890), and every
 * IPv6 form that embeds an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}, Teredo) when the embedded address is one of those. Forms that cannot be
 * judged (IPv4-compatible, Teredo, local-use NAT64) are refused outright.
 */
final class SpecialAddresses {
    private SpecialAddresses() {}

    static boolean internal(InetAddress a) {
        if (a instanceof Inet4Address) return internal4(a.getAddress());
        if (a instanceof Inet6Address) return internal6(a.getAddress());
        return true;
    }

    static boolean internal4(byte[] b) {
        int o0 = b[0] & 0xff, o1 = b[1] & 0xff, o2 = b[2] & 0xff;
        return o0 == 0 // "this network"
                || o0 == 10 // private
                || o0 == 127 // loopback
                || (o0 == 100 && o1 >= 64 && o1 <= 127) // CGNAT, incl. 100.100.100.200 (metadata)
                || (o0 == 169 && o1 == 254) // link-local, incl. 169.254.169.254 (metadata)
                || (o0 == 172 && o1 >= 16 && o1 <= 31) // private
                || (o0 == 192 && o1 == 0 && o2 == 0) // IETF protocol assignments
                || (o0 == 192 && o1 == 0 && o2 == 2) // documentation
                || (o0 == 192 && o1 == 88 && o2 == 99) // 6to4 relay anycast
                || (o0 == 192 && o1 == 168) // private
                || (o0 == 198 && (o1 == 18 || o1 == 19)) // benchmarking
                || (o0 == 198 && o1 == 51 && o2 == 100) // documentation
                || (o0 == 203 && o1 == 0 && o2 == 113) // documentation
                || o0 >= 224; // multicast, reserved, broadcast
    }

    static boolean internal6(byte[] b) {
        int w0 = word(b, 0), w1 = word(b, 1);
        if (allZero(b, 0, 10)) {
            if (word(b, 5) == 0xffff) return internal4(tail(b, 12)); // ::ffff:a.b.c.d, IPv4-mapped
            if (word(b, 5) == 0) return true; // ::, ::1 and IPv4-compatible ::a.b.c.d (deprecated)
        }
        if (w0 == 0 && w1 == 0 && word(b, 2) == 0 && word(b, 3) == 0 && word(b, 4) == 0xffff && word(b, 5) == 0) {
            return true; // ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (allZero(b, 4, 12)) return internal4(tail(b, 12)); // 64:ff9b::/96 well-known NAT64
            return true; // 64:ff9b:1::/48 local-use NAT64
        }
        if (w0 == 0x2002) return internal4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 embeds its IPv4
        if (w0 == 0x2001 && w1 < 0x0200) return true; // 2001::/23 IETF protocol assignments: Teredo, benchmarking, ORCHID
        if (w0 == 0x2001 && w1 == 0x0db8) return true; // documentation
        if (w0 == 0x0100 && w1 == 0 && word(b, 2) == 0 && word(b, 3) == 0) return true; // discard-only
        if ((b[0] & 0xfe) == 0xfc) return true; // fc00::/7 unique local (incl. fd00:ec2::254, metadata)
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) return true; // fe80::/10 link-local
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return true; // fec0::/10 site-local (deprecated)
        if ((b[0] & 0xff) == 0xff) return true; // multicast
        return (b[0] & 0xe0) != 0x20; // only 2000::/3 is global unicast
    }

    private static int word(byte[] b, int i) {
        return ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static byte[] tail(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
