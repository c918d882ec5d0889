package io.restream.service.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.restream.core.json.Json;
import io.restream.service.TestApi;
import io.restream.testkit.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's page in Debian's Chromium against the real API: it loads without credentials,
 * asks for the admin token in a password field, keeps it in sessionStorage (never in the URL),
 * and lists what the API holds: a client created through the API, its keys and origins, its
 * webhook, the live jobs with their destinations. Screenshots land in {@code target/} for the README.
 */
class AdminPageIT {
    @RegisterExtension
    static final Fixture<TestApi> api = Fixture.perClass(TestApi::new);

    @Test
    void thePageListsAClientCreatedThroughTheApi() throws Exception {
        String clientId = api.get().admin("POST", "/api/v1/admin/clients", Map.of("name", "Acme Studio")).json().path("id").asText();
        String secret = api.get().admin("POST", "/api/v1/admin/clients/" + clientId + "/keys", Map.of("type", "secret")).json().path("key").asText();
        assertEquals(201, api.get().admin("POST", "/api/v1/admin/clients/" + clientId + "/keys", Map.of("type", "publishable",
                "scopes", List.of("read", "restream"), "allowedOrigins", List.of("https://studio.acme.example"))).status());
        assertEquals(201, api.get().admin("POST", "/api/v1/admin/clients/" + clientId + "/webhooks",
                Map.of("url", "https://backend.acme.example/restream")).status());
        Map<String, String> user = new TestApi.Tenant(clientId, secret).as("acme_host");
        assertEquals(201, api.get().connectCustom(user, "studio-a", "rtmp://127.0.0.1:1935/a").status());
        assertEquals(201, api.get().call("POST", "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-admin",
                "destinations", List.of("custom:studio-a"), "title", "Friday night show"))).status());

        Path out = Paths.get("target");
        Files.createDirectories(out);
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get("/usr/bin/chromium"))
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
            Response loaded = page.navigate(api.get().base + "/admin/");
            assertEquals(200, loaded.status(), "the page itself needs no credentials");
            assertTrue(loaded.headers().get("content-security-policy").contains("frame-ancestors 'none'"));
            Locator tokenField = page.locator("#token");
            assertEquals("password", tokenField.getAttribute("type"));
            assertTrue(page.locator("#login-submit").isVisible());

            tokenField.fill("adm_wrong");
            page.locator("#login-submit").click();
            page.locator("#login-error").waitFor();
            assertTrue(page.locator("#login-error").textContent().contains("refused"));

            tokenField.fill(api.get().adminToken);
            page.locator("#login-submit").click();
            Locator client = page.locator("#clients li[data-client='" + clientId + "']");
            client.waitFor();
            assertTrue(client.textContent().contains("Acme Studio"));
            assertEquals(api.get().adminToken, page.evaluate("sessionStorage.getItem('restream.adminToken')"));
            assertNull(page.evaluate("localStorage.getItem('restream.adminToken')"));
            assertFalse(page.url().contains(api.get().adminToken), "never in a URL");

            client.click();
            page.locator("#keys tr").nth(1).waitFor();
            assertEquals(2, page.locator("#keys tr").count());
            assertTrue(page.locator("#keys").textContent().contains("https://studio.acme.example"), "origins are shown");
            assertFalse(page.locator("#keys").textContent().contains(secret), "a secret key shows only its prefix");
            page.locator("#webhooks", new Page.LocatorOptions().setHasText("https://backend.acme.example/restream")).waitFor();

            // A new secret key: shown once, then only its prefix.
            page.locator("#key-form button[type=submit]").click();
            page.locator("#secret-box").waitFor();
            String shown = page.locator("#secret-value").textContent();
            assertTrue(shown.startsWith("sk_live_"), shown);
            page.locator("#keys tr").nth(2).waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("admin-page.png")).setFullPage(true));
            page.locator("#secret-dismiss").click();
            assertFalse(page.content().contains(shown), "gone once dismissed");

            page.locator(".tabs button[data-tab=live]").click();
            page.locator("#jobs .job", new Page.LocatorOptions().setHasText("Friday night show")).waitFor();
            assertTrue(page.locator("#jobs").textContent().contains("custom:studio-a"), "the job's destinations and their state");
            page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("admin-live.png")));

            page.reload();
            page.locator("#clients li[data-client='" + clientId + "']").waitFor();
            assertTrue(page.locator("#login").isHidden(), "still signed in within the tab");
        }
        assertTrue(Files.size(out.resolve("admin-page.png")) > 10_000);
    }
}
