package io.restream.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restream.core.error.ApiException;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every spelling of an internal host found by the review (issue 11), and the special IPv6 ranges
 * that embed an IPv4 address: refused with private URLs off, whatever the scheme. Public addresses
 * in the same forms still pass, and {@link UrlGuard#resolve} returns the address that was checked.
 */
class UrlGuardSpellingsTest {
    final UrlGuard strict = new UrlGuard(false, Set.of());
    final Set<String> schemes = Set.of("rtmp", "rtmps", "https", "http");

    @ParameterizedTest(name = "{0} refused ({1})")
    @CsvSource(delimiter = '|', value = {
        "rtmp://0177.0.0.1/live|octal, glibc reads 127.0.0.1",
        "rtmp://0177.0.0.01/live|octal octets",
        "rtmp://0x7f.0.0.1/live|hex octet",
        "rtmp://0x7f000001/live|one hex number",
        "rtmp://2130706433/live|one decimal number",
        "rtmp://127.1/live|short form",
        "rtmp://127.0.1/live|three-part form",
        "rtmp://017700000001/live|one octal number",
        "rtmp://127.0.0.1./live|trailing dot",
        "rtmp://010.0.0.1/live|octal private",
        "rtmp://[::127.0.0.1]/live|IPv4-compatible loopback",
        "rtmp://[::a9fe:a9fe]/live|IPv4-compatible metadata",
        "rtmp://[::ffff:127.0.0.1]/live|IPv4-mapped loopback",
        "rtmp://[::ffff:7f00:1]/live|IPv4-mapped loopback, hex",
        "rtmp://[::ffff:0:7f00:1]/live|IPv4-translated",
        "rtmp://[64:ff9b::a9fe:a9fe]/live|NAT64 of metadata",
        "rtmp://[64:ff9b::7f00:1]/live|NAT64 of loopback",
        "rtmp://[64:ff9b::10.0.0.1]/live|NAT64 of private",
        "rtmp://[64:ff9b:1::808:808]/live|local-use NAT64",
        "rtmp://[2002:7f00:1::]/live|6to4 of loopback",
        "rtmp://[2002:a9fe:a9fe::1]/live|6to4 of metadata",
        "rtmp://[2002:c0a8:101::]/live|6to4 of private",
        "rtmp://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/live|Teredo",
        "rtmp://[2001:2::1]/live|IPv6 benchmarking",
        "rtmp://[2001:db8::1]/live|IPv6 documentation",
        "rtmp://[100::1]/live|discard-only",
        "rtmp://[::]/live|unspecified",
        "rtmp://[::1]/live|loopback",
        "rtmp://[fe80::1]/live|link-local",
        "rtmp://[fec0::1]/live|site-local",
        "rtmp://[fd00:ec2::254]/live|AWS metadata",
        "rtmp://[ff02::1]/live|multicast",
        "rtmp://[fe80::1%25eth0]/live|zone id",
        "rtmp://198.18.0.1/live|benchmarking",
        "rtmp://192.0.2.1/live|documentation",
        "rtmp://192.0.0.170/live|IETF assignments",
        "rtmp://255.255.255.255/live|broadcast",
        "rtmp://100.64.0.1/live|CGNAT",
        "https://localhost/banner.png|localhost",
        "https://LOCALHOST/banner.png|localhost in capitals",
        "https://169.254.169.254/latest/meta-data|metadata",
        "https://metadata.google.internal/x|metadata name",
        "https://0177.0.0.1:8443/banner.png|octal overlay",
        "https://[::127.0.0.1]/banner.png|IPv4-compatible overlay",
        "https://[64:ff9b::a9fe:a9fe]/banner.png|NAT64 overlay",
        "https://[2002:7f00:1::]/banner.png|6to4 overlay",
        "https://exa_mple.com/x|underscore in a name",
        "https://-bad.example/x|label starting with a hyphen",
    })
    void refused(String url, String why) {
        ApiException e = assertThrows(ApiException.class, () -> strict.check("url", url, schemes), why);
        assertEquals("url_not_allowed", e.code());
        assertEquals(400, e.status());
        assertEquals(Set.of("url"), e.fields().keySet());
    }

    @ParameterizedTest(name = "{0} passes")
    @CsvSource(delimiter = '|', value = {
        "rtmp://8.8.8.8/live|8.8.8.8",
        "rtmp://[2001:4860:4860::8888]/live|2001:4860:4860:0:0:0:0:8888",
        "rtmp://[64:ff9b::808:808]/live|64:ff9b:0:0:0:0:808:808",
        "rtmp://[2002:808:808::1]/live|2002:808:808:0:0:0:0:1",
        "rtmp://[::ffff:8.8.8.8]/live|8.8.8.8",
    })
    void publicFormsPassAndTheCheckedAddressIsReturned(String url, String address) throws Exception {
        UrlGuard.Checked c = strict.resolve("url", url, schemes);
        assertEquals(url, c.uri().toString());
        assertEquals(InetAddress.getByName(address), c.address());
    }
}
