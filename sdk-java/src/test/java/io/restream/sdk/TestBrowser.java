package io.restream.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's browser for sign-in tests: an HTTP client that follows redirects, opens the
 * authorize URL, lands on the simulator's consent page and submits its form, then follows the
 * redirects back through the service to wherever they lead. Redirects are followed here, as a
 * browser does: a form POST answered with a redirect becomes a plain GET without the form's
 * {@code Content-Type} (the JDK client's own redirect filter would keep that header).
 */
final class TestBrowser {
    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");
    private static final Pattern REQUEST = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");

    private static final int MAX_HOPS = 10;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();

    /** Opens {@code authorizeUrl}, answers the consent page, returns the last page the redirects led to. */
    HttpResponse<String> signIn(URI authorizeUrl, String login, boolean approve) {
        try {
            HttpResponse<String> consent = follow(http.send(HttpRequest.newBuilder(authorizeUrl).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            Matcher form = FORM.matcher(consent.body());
            Matcher request = REQUEST.matcher(consent.body());
            if (consent.statusCode() != 200 || !form.find() || !request.find()) {
                throw new IllegalStateException("no consent page at " + consent.uri() + ": " + consent.statusCode() + " " + consent.body());
            }
            String body = "request=" + enc(request.group(1)) + "&login=" + enc(login) + "&decision=" + (approve ? "approve" : "deny");
            return follow(http.send(HttpRequest.newBuilder(consent.uri().resolve(form.group(1))).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> follow(HttpResponse<String> r) throws IOException, InterruptedException {
        for (int hop = 0; hop < MAX_HOPS && r.statusCode() / 100 == 3; hop++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = http.send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
