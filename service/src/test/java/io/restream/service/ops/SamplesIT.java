package io.restream.service.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.service.TestApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample HTML banner is served without credentials, as HTML, with a transparent background. */
class SamplesIT {
    @Test
    void theSampleScoreboardIsServed() {
        try (TestApi api = new TestApi()) {
            TestApi.Res page = api.call("GET", "/samples/scoreboard.html", Map.of(), null);
            assertEquals(200, page.status());
            assertTrue(String.valueOf(page.headers()).toLowerCase().contains("text/html"), page.headers().toString());
            assertTrue(page.text().contains("background: transparent") && page.text().contains("setInterval(tick"), "transparent, JS clock");
            assertEquals(404, api.call("GET", "/samples/nothing.html", Map.of(), null).status());
        }
    }
}
