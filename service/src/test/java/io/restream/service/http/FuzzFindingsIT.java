package io.restream.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.crypto.Tokens;
import io.restream.service.RawHttp;
import io.restream.service.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the 10,000-request fuzz run found (issue 14 item 6, issue 11 item 7), one request each,
 * written byte for byte: every one gets a JSON error in the shape of API.md §6 within 10 s, never a
 * 5xx, a plain-text page or silence; and invented method names stay one metric label.
 */
class FuzzFindingsIT {
    private static final int TIMEOUT_MS = 10_000;
    private static TestApi api;
    private static String user;

    @BeforeAll
    static void start() {
        api = new TestApi();
        TestApi.Tenant t = api.newTenant();
        user = "X-API-Key: " + t.secretKey() + "\r\nX-User-Id: fuzz\r\n";
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertJsonError(RawHttp.Response r, int status, String code, String what) {
        assertEquals(status, r.status(), what + ": " + r.head() + r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), what + ": " + r.head());
        assertEquals(code, r.errorCode(), what + ": " + r.body());
        assertEquals(status, r.json().path("error").path("status").asInt());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "OPTIONS", "HEAD", "DELETE"})
    void aFormOrMultipartBodyOnABodilessMethodIsNo500(String method) {
        for (String path : List.of("/api/v1/jobs/current", "/api/v1/connections", "/healthz", "/api/v1/nope")) {
            for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ", "multipart/mixed; boundary=q")) {
                byte[] body = type.startsWith("multipart")
                        ? "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8)
                        : "a=b&c=%zz".getBytes(StandardCharsets.UTF_8);
                RawHttp.Response r = RawHttp.send(api.base, method, path, user + "Content-Type: " + type + "\r\n", body, TIMEOUT_MS);
                assertTrue(r.status() > 0 && r.status() < 500, method + " " + path + " " + type + " → " + r.status() + " " + r.body());
            }
        }
    }

    @Test
    void aFormBodyOnAJsonRouteIsInvalidJson() {
        RawHttp.Response r = RawHttp.send(api.base, "POST", "/api/v1/connections/custom", user + "Content-Type: application/x-www-form-urlencoded\r\n",
                "name=a&url=rtmp://8.8.8.8/x".getBytes(StandardCharsets.UTF_8), TIMEOUT_MS);
        assertJsonError(r, 400, "invalid_json", "form body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/jobs/current?%=%", "/api/v1/connections?a=%", "/api/v1/chat/messages?limit=%G1", "/healthz?%zz", "/api/v1/events?x=%C0%AF"})
    void aMalformedQueryIsValidationFailed(String target) {
        assertJsonError(RawHttp.send(api.base, "GET", target, user, null, TIMEOUT_MS), 400, "validation_failed", target);
    }

    @Test
    void aFormBodyWithAMalformedQueryIsAnsweredAtOnce() {
        for (String method : List.of("POST", "GET", "PATCH")) {
            RawHttp.Response r = RawHttp.send(api.base, method, "/api/v1/jobs?%=%", user + "Content-Type: application/x-www-form-urlencoded\r\n",
                    "a=%&b=%".getBytes(StandardCharsets.UTF_8), TIMEOUT_MS);
            assertJsonError(r, 400, "validation_failed", method + " form + ?%=%");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/jobs/%zz", "/api/v1/%", "/api/v1/jobs/%E0%A4%A", "/%C0%AF", "/api/v1/jobs/%FF/stop"})
    void aMalformedPathIsInvalidPath(String target) {
        assertJsonError(RawHttp.send(api.base, "GET", target, user, null, TIMEOUT_MS), 400, "invalid_path", target);
    }

    @Test
    void inventedMethodNamesAreOneMetricLabel() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) names.add("M" + Tokens.random(8).toUpperCase().replaceAll("[^A-Z]", "Q"));
        for (String m : names) {
            RawHttp.Response r = RawHttp.send(api.base, m, "/api/v1/jobs/current", user, null, TIMEOUT_MS);
            assertTrue(r.status() >= 400 && r.status() < 500, m + " → " + r.status());
        }
        String metrics = api.call("GET", "/metrics", Map.of(), null).text();
        for (String m : names) assertFalse(metrics.contains("method=\"" + m + "\""), "a series for " + m);
        assertTrue(metrics.contains("method=\"other\""), "invented names count as other");
    }
}
