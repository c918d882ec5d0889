package io.restream.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactTest {
    @ParameterizedTest
    @CsvSource({
        "rtmp://live.twitch.tv/app/live_123_secret, rtmp://live.twitch.tv/app/***",
        "rtmps://fa723fc1b171.global-contribute.live-video.net:443/app/sk_us-west-2_x, rtmps://fa723fc1b171.global-contribute.live-video.net:443/app/***",
        "rtmp://user:pass@host/app/key, rtmp://***@host/app/***",
        "https://example.com/a.png?token=abc, https://example.com/a.png?***",
        "rtmp://host, rtmp://host"
    })
    void stripsKeysAndCredentials(String url, String expected) {
        assertEquals(expected, Redact.url(url));
    }
}
