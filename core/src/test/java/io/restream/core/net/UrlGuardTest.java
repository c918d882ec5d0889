package io.restream.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restream.core.error.ApiException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {
    final UrlGuard strict = new UrlGuard(false, Set.of("media.internal.example"));
    final Set<String> rtmp = Set.of("rtmp", "rtmps");

    @ParameterizedTest
    @ValueSource(strings = {
        "rtmp://127.0.0.1/live", "rtmp://localhost/live", "rtmp://10.1.2.3/x", "rtmp://172.16.0.1/x",
        "rtmp://192.168.1.1/x", "rtmp://169.254.169.254/latest", "rtmp://100.100.100.200/x", "rtmp://0.0.0.0/x",
        "rtmp://[::1]/x", "rtmp://[fd00:ec2::254]/x", "rtmp://[::ffff:127.0.0.1]/x", "rtmp://[fe80::1]/x",
        "rtmp://metadata.google.internal/x", "rtmp://224.0.0.1/x"
    })
    void refusesInternalAddresses(String url) {
        ApiException e = assertThrows(ApiException.class, () -> strict.check("url", url, rtmp));
        assertEquals("url_not_allowed", e.code());
        assertEquals(400, e.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8/x", "file:///etc/passwd", "rtmp://user:pw@8.8.8.8/x", "not a url", "rtmp:///nohost", ""})
    void refusesBadSchemesAndShapes(String url) {
        assertThrows(ApiException.class, () -> strict.check("url", url, rtmp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://8.8.8.8/live", "rtmps://1.1.1.1:443/app", "rtmp://[2001:4860:4860::8888]/x"})
    void acceptsPublicAddresses(String url) {
        assertEquals(url, strict.check("url", url, rtmp).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://127.0.0.1/live", "rtmp://10.0.0.1/x"})
    void operatorMayAllowPrivate(String url) {
        new UrlGuard(true, Set.of()).check("url", url, rtmp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://media.internal.example/live"})
    void allowlistedHostsSkipTheCheck(String url) {
        strict.check("url", url, rtmp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://169.254.169.254/latest", "https://[::1]/h"})
    void theAddressToConnectToIsCheckedToo(String url) {
        ApiException e = assertThrows(ApiException.class, () -> strict.checkedAddress("url", url, Set.of("https")));
        assertEquals("url_not_allowed", e.code());
    }

    @org.junit.jupiter.api.Test
    void theCheckedAddressIsTheOneToConnectTo() throws Exception {
        assertEquals(java.net.InetAddress.getByName("8.8.8.8"), strict.checkedAddress("url", "https://8.8.8.8/hook", Set.of("https")));
        assertEquals(java.net.InetAddress.getByName("127.0.0.1"),
                new UrlGuard(true, Set.of()).checkedAddress("url", "http://127.0.0.1:8080/hook", Set.of("http")));
        assertThrows(ApiException.class, () -> strict.checkedAddress("url", "http://8.8.8.8/hook", Set.of("https")));
    }
}
