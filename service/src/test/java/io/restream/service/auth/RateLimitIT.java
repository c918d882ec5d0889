package io.restream.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.service.RawHttp;
import io.restream.service.TestApi;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The global rate limit (API.md §2, issue 14 item 2): two API nodes on one Redis, burst 20 and
 * 5/s, one credential and user hammering both: at most burst + rate × elapsed requests pass, and
 * every refusal is {@code 429 rate_limited} with {@code Retry-After}. Another user of the same key
 * has a bucket of its own. Failed authentications are limited per client address, and valid
 * credentials from that address are still served.
 */
class RateLimitIT {
    private static final Map<String, String> TIGHT = Map.of("RESTREAM_RATE_LIMIT_BURST", "20", "RESTREAM_RATE_LIMIT_PER_SECOND", "5");

    @Test
    void oneCredentialAndUserGetAtMostBurstPlusRateTimesElapsedAcrossTwoNodes() throws Exception {
        try (TestApi a = new TestApi(TIGHT); TestApi b = new TestApi(TIGHT)) {
            TestApi.Tenant t = a.newTenant();
            Map<String, String> user = t.as("hammer");
            AtomicInteger passed = new AtomicInteger();
            ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
            long runMs = 4_000;
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestApi node = i % 2 == 0 ? a : b;
                Thread th = new Thread(() -> {
                    while ((System.nanoTime() - start) / 1_000_000 < runMs) {
                        TestApi.Res r = node.call("GET", "/api/v1/connections", user, null);
                        if (r.status() == 200) {
                            passed.incrementAndGet();
                        } else if (r.status() != 429 || !"rate_limited".equals(r.errorCode()) || r.header("Retry-After") == null
                                || Integer.parseInt(r.header("Retry-After")) < 1) {
                            bad.add(r.status() + " " + r.header("Retry-After") + " " + r.text());
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) th.join(60_000);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double bound = 20 + 5 * elapsed;
            System.out.printf("rate limit over two nodes: %d passed in %.2f s, bound %.1f%n", passed.get(), elapsed, bound);
            assertTrue(bad.isEmpty(), "refusals not 429 rate_limited with Retry-After: " + bad.stream().limit(3).toList());
            assertTrue(passed.get() <= bound, passed.get() + " passed in " + elapsed + " s; bound " + bound);
            assertTrue(passed.get() >= 20, "the burst passes: " + passed.get());

            // Another user of the same secret key has a bucket of its own.
            assertEquals(200, b.call("GET", "/api/v1/connections", t.as("someone-else"), null).status());
        }
    }

    @Test
    void aBurstOfFailedAuthenticationsFromOneAddressIsRefusedButValidCredentialsAreServed() throws Exception {
        try (TestApi api = new TestApi(Map.of("RESTREAM_AUTH_FAIL_BURST", "5", "RESTREAM_AUTH_FAIL_PER_MINUTE", "6"))) {
            TestApi.Tenant t = api.newTenant();
            // A client address of its own on loopback, so that no other test's failures count.
            InetAddress from = InetAddress.getByName("127.0.0." + (10 + (int) (Math.random() * 200)));
            List<Integer> statuses = new ArrayList<>();
            RawHttp.Response last = null;
            for (int i = 0; i < 12; i++) {
                last = RawHttp.send(from, api.base, "GET", "/api/v1/connections", "X-API-Key: sk_live_wrong" + i + "\r\nX-User-Id: u\r\n", null, 10_000);
                statuses.add(last.status());
            }
            assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5), statuses.toString());
            assertTrue(statuses.subList(6, 12).stream().allMatch(s -> s == 429), statuses.toString());
            assertEquals("rate_limited", last.errorCode());
            assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);

            RawHttp.Response valid = RawHttp.send(from, api.base, "GET", "/api/v1/connections",
                    "X-API-Key: " + t.secretKey() + "\r\nX-User-Id: u\r\n", null, 10_000);
            assertEquals(200, valid.status(), "valid credentials from that address are served: " + valid.body());
            RawHttp.Response elsewhere = RawHttp.send(InetAddress.getByName("127.0.0.1"), api.base, "GET", "/api/v1/connections",
                    "X-API-Key: sk_live_wrong\r\nX-User-Id: u\r\n", null, 10_000);
            assertEquals(401, elsewhere.status(), "another address has its own budget");
        }
    }
}
