package io.restream.worker.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void templatesBecomeInputArguments() throws Exception {
        SourceSpec rtmp = new SourceResolver(Optional.of("rtmp://origin/live/{id}"), false, 1280, 720, 30).resolve("abc");
        assertEquals(List.of("-rw_timeout", "10000000", "-analyzeduration", "1000000", "-fpsprobesize", "0", "-i", "rtmp://origin/live/abc"), rtmp.inputArgs());
        assertEquals("rtmp://origin/live/***", rtmp.redacted());
        SourceSpec rtsp = new SourceResolver(Optional.of("rtsp://cam/{id}"), false, 1280, 720, 30).resolve("c1");
        assertEquals(List.of("-rtsp_transport", "tcp", "-timeout", "10000000", "-analyzeduration", "1000000", "-fpsprobesize", "0", "-i", "rtsp://cam/c1"),
                rtsp.inputArgs());
        SourceSpec srt = new SourceResolver(Optional.of("srt://origin:9000?streamid=read:{id}"), false, 1280, 720, 30).resolve("s");
        assertEquals(List.of("-analyzeduration", "1000000", "-fpsprobesize", "0", "-i", "srt://origin:9000?streamid=read:s"), srt.inputArgs());
    }

    @Test
    void demoIdsAreGeneratedSourcesOnlyInSandboxMode() throws Exception {
        SourceSpec demo = new SourceResolver(Optional.empty(), true, 640, 360, 30).resolve("demo-1");
        assertTrue(demo.demo());
        assertTrue(demo.url().startsWith("testsrc2=size=640x360:rate=30,drawtext="), demo.url());
        assertTrue(demo.url().contains("sine=frequency=440:sample_rate=48000"));
        SourceException e = assertThrows(SourceException.class,
                () -> new SourceResolver(Optional.empty(), false, 640, 360, 30).resolve("demo-1"));
        assertEquals("source_unavailable", e.code());
        assertEquals("rtmp://o/x/demo-1", new SourceResolver(Optional.of("rtmp://o/x/{id}"), false, 640, 360, 30).resolve("demo-1").url());
    }

    @Test
    void templatesAreValidated() {
        assertTrue(SourceResolver.validateTemplate("rtmp://o/live/{id}").isEmpty());
        assertTrue(SourceResolver.validateTemplate("rtmp://o/live/fixed").isPresent());
        assertTrue(SourceResolver.validateTemplate("file:///etc/{id}").isPresent());
        assertTrue(SourceResolver.validateTemplate("whep+https://origin/{id}/whep").isEmpty());
        assertTrue(SourceResolver.validateTemplate("whep+http://127.0.0.1:8090/whep/{id}").isEmpty());
        assertTrue(SourceResolver.validateTemplate("whep+https://origin/fixed/whep").isPresent(), "WHEP needs {id}");
        assertTrue(SourceResolver.validateTemplate("whep+ftp://origin/{id}").isPresent());
        assertTrue(SourceResolver.validateTemplate("calls+https://rtc.live.cloudflare.com/v1/apps/app1").isEmpty());
        assertTrue(SourceResolver.validateTemplate("calls+https://rtc.live.cloudflare.com/v1/apps/app1/{id}").orElseThrow().contains("no {id}"));
        assertTrue(SourceResolver.validateTemplate("calls+wss://x/v1/apps/a").isPresent());
    }

    @Test
    void webRtcTemplatesResolveToATargetWithItsTokenThatIsNeverPrinted() throws Exception {
        SourceResolver r = new SourceResolver(Optional.of("whep+https://origin/{id}/whep"), false, 640, 360, 30,
                Optional.of("s3cret"), Optional.of("app-s3cret"));
        SourceSpec whep = r.resolve("cam-1");
        assertEquals(WebRtcTarget.Kind.WHEP, whep.webrtc().kind());
        assertEquals("https://origin/cam-1/whep", whep.webrtc().url());
        assertEquals("s3cret", whep.webrtc().token());
        assertTrue(whep.inputArgs().isEmpty(), "opened later, by the WebRTC source");
        assertTrue(!whep.webrtc().toString().contains("s3cret") && !whep.toString().contains("s3cret"));
        SourceSpec calls = new SourceResolver(Optional.of("calls+https://rtc.live.cloudflare.com/v1/apps/app1/"), false, 640, 360, 30,
                Optional.of("s3cret"), Optional.of("app-s3cret")).resolve("pub-session");
        assertEquals(WebRtcTarget.Kind.CALLS, calls.webrtc().kind());
        assertEquals("https://rtc.live.cloudflare.com/v1/apps/app1", calls.webrtc().url());
        assertEquals("pub-session", calls.webrtc().publisherSessionId());
        assertEquals("app-s3cret", calls.webrtc().token());
        assertTrue(!new SourceTokens(Optional.of("s3cret"), Optional.of("app-s3cret")).toString().contains("s3cret"));
    }

    @Test
    void theProbeReadsFfmpegsStreamSummary() {
        String out = """
                Input #0, flv, from 'rtmp://127.0.0.1:1935/live/x':
                  Duration: N/A, start: 0.000000, bitrate: N/A
                  Stream #0:0: Video: h264 (High), yuv420p(progressive), 1920x1080 [SAR 1:1 DAR 16:9], 30 fps, 30 tbr, 1k tbn
                  Stream #0:1: Audio: aac (LC), 48000 Hz, stereo, fltp, 128 kb/s
                At least one output file must be specified
                """;
        assertEquals(Optional.of(new SourceInfo("h264", "aac", 1920, 1080, 48000)), SourceProbe.parse(out));
        assertEquals(Optional.empty(), SourceProbe.parse("rtmp://x: Connection refused"));
        assertEquals(Optional.of(new SourceInfo("hevc", null, 1280, 720)),
                SourceProbe.parse("Input #0, mpegts\n  Stream #0:0[0x100]: Video: hevc (Main) ([36][0][0][0] / 0x0024), yuv420p(tv), 1280x720, 25 fps\n"));
    }
}
