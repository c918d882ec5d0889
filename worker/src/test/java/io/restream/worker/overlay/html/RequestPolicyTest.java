package io.restream.worker.overlay.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restream.core.net.UrlGuard;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which requests of a banner page pass: the overlay URL guard, its schemes, nothing local. */
class RequestPolicyTest {
    private final RequestPolicy production = new RequestPolicy(new UrlGuard(false, Set.of("127.0.0.1")), false);
    private final RequestPolicy development = new RequestPolicy(new UrlGuard(false, Set.of("127.0.0.1")), true);

    @Test
    void schemesOutsideTheOverlaySetAreRefusedAndInBrowserOnesPass() {
        for (String url : new String[] {"file:///etc/passwd", "chrome://settings", "ftp://example.com/x", "javascript:alert(1)",
                "chrome-extension://abc/x", "ws://127.0.0.1/x", "filesystem:http://x/y"}) {
            assertNotNull(production.refusal(url), url);
        }
        assertNotNull(production.refusal("http://127.0.0.1:8080/page.html"), "http needs RESTREAM_ALLOW_HTTP_OVERLAYS");
        assertNull(development.refusal("http://127.0.0.1:8080/page.html"), "the allowlisted host");
        assertNull(production.refusal("data:image/png;base64,AAAA"));
        assertNull(production.refusal("blob:https://example.com/0b1c"));
        assertNotNull(production.pageRefusal("about:blank"), "the banner itself must be a network page");
    }

    @Test
    void internalAddressesAreRefusedInEverySpellingTheGuardKnows() {
        for (String url : new String[] {"http://127.0.0.2/", "http://[::1]/", "http://localhost/", "http://169.254.169.254/latest",
                "http://10.0.0.1/", "http://[::ffff:127.0.0.2]/", "http://metadata.google.internal/", "http://0.0.0.0/"}) {
            assertNotNull(development.refusal(url), url);
        }
    }

    @Test
    void theProxyConnectsOnlyToCheckedAddresses() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.1"), development.connectAddress(true, "127.0.0.1", 443));
        assertEquals(InetAddress.getByName("127.0.0.1"), development.connectAddress(false, "127.0.0.1", 80));
        assertThrows(RequestPolicy.Refused.class, () -> production.connectAddress(false, "127.0.0.1", 80), "http not allowed");
        assertThrows(RequestPolicy.Refused.class, () -> development.connectAddress(true, "127.0.0.2", 443));
        assertThrows(RequestPolicy.Refused.class, () -> development.connectAddress(true, "[::1]", 443));
        assertThrows(RequestPolicy.Refused.class, () -> development.connectAddress(true, "localhost", 443));
    }
}
