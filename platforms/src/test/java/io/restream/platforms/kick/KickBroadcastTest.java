package io.restream.platforms.kick;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KickBroadcastTest {
    @ParameterizedTest
    @CsvSource({
            "rtmps://fa723fc1b171.global-contribute.live-video.net, rtmps://fa723fc1b171.global-contribute.live-video.net:443/app/sk_1",
            "rtmps://fa723fc1b171.global-contribute.live-video.net/, rtmps://fa723fc1b171.global-contribute.live-video.net:443/app/sk_1",
            "rtmps://127.0.0.1:40947, rtmps://127.0.0.1:40947/app/sk_1"})
    void pushUrlIsUrlPort443AppKey(String url, String expected) {
        assertEquals(expected, KickBroadcast.pushUrl(url, "sk_1"));
    }
}
