package io.restream.service.oauth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.restream.core.connections.StoredConnection;
import io.restream.core.json.Json;
import io.restream.core.redis.RedisKeys;
import io.restream.testkit.LogCapture;
import io.restream.testkit.Fixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Order;

/**
 * goLive to Twitch, YouTube, Kick and Facebook through the real service, worker and platform
 * simulator: every simulated ingest receives H.264/AAC (Kick and Facebook over RTMPS), every
 * broadcast has its watch URL, YouTube's broadcast is bound and completed on stop, Facebook's live
 * video is ended on stop; and no platform token, refresh token or stream key shows in any API
 * response, event or log line.
 */
class GoLiveIT {
    /** Every token the simulator issues looks like this. */
    static final Pattern SIM_TOKEN = Pattern.compile("(twitch|youtube|kick|facebook)-(at|rt)-[A-Za-z0-9]{32}");

    /** Opened before the bed, so it holds every line the API and the worker log; closed after it. */
    @RegisterExtension
    @Order(1)
    static final Fixture<LogCapture> logs = Fixture.perClass(LogCapture::new);
    @RegisterExtension
    @Order(2)
    static final Fixture<PlatformsTestBed> bed = Fixture.perClass(PlatformsTestBed::withWorker);

    @Test
    void goLiveToAllFourPlatforms() throws Exception {
        var user = bed.get().newUser();
        List<String> events = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> sub = bed.get().redis.pubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                events.add(message);
            }
        });
        sub.sync().subscribe(RedisKeys.events(PlatformsTestBed.ref(user)));

        for (String p : List.of("twitch", "youtube", "kick", "facebook")) {
            assertTrue(bed.get().connect(user, p, true, "star_" + p).ok(), p + " connected");
        }
        // Instagram has no API: a pasted URL and key, replaced for this job by the goLive's ingest override.
        String igUrl = "rtmps://127.0.0.1:" + bed.get().sim.rtmpsPort() + "/rtmp/";
        assertEquals(201, bed.get().call("POST", bed.get().base + "/api/v1/connections/instagram", user,
                Json.write(Map.of("username", "star_ig", "url", igUrl, "streamKey", "ig-pasted-key"))).statusCode());
        var created = bed.get().call("POST", bed.get().base + "/api/v1/jobs", user, Json.write(Map.of(
                "publisherSessionId", "demo-golive", "destinations", List.of("twitch", "youtube", "kick", "facebook", "instagram"),
                "ingest", Map.of("instagram", Map.of("url", igUrl, "streamKey", "ig-session-key")))));
        assertEquals(201, created.statusCode(), created.body());
        String jobId = PlatformsTestBed.json(created).get("id").asText();

        // Every platform's ingest receives H.264 + AAC, Kick's and Facebook's over TLS.
        Map<String, Boolean> tls = Map.of("twitch", false, "youtube", true, "kick", true, "facebook", true, "instagram", true);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (var e : tls.entrySet()) {
                JsonNode live = liveStream(e.getKey());
                assertNotNull(live, e.getKey() + " has a live ingest");
                assertEquals("h264", live.path("videoCodec").asText(), e.getKey());
                assertEquals("aac", live.path("audioCodec").asText(), e.getKey());
                assertEquals(640, live.path("width").asInt(), e.getKey());
                assertEquals(360, live.path("height").asInt(), e.getKey());
                assertTrue(live.path("keyframes").asLong() >= 2, e.getKey() + " key frames: " + live);
                assertTrue(live.path("audioFrames").asLong() > 50, e.getKey() + " audio: " + live);
                assertEquals(e.getValue(), live.path("tls").asBoolean(), e.getKey() + " over " + (e.getValue() ? "RTMPS" : "RTMP"));
            }
        });
        var snapshot = bed.get().http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(bed.get().sim.baseUrl()
                + "/sim/kick/streams/" + liveStream("kick").path("streamKey").asText() + "/snapshot.png")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, snapshot.statusCode(), "the Kick ingest decodes to a picture");

        // Every broadcast is live with its watch URL.
        JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> job(user, jobId), j -> {
            for (JsonNode b : j.path("broadcasts")) if (!b.path("state").asText().equals("live")) return false;
            return j.path("broadcasts").size() == 5;
        });
        Map<String, String> watch = new java.util.HashMap<>();
        for (JsonNode b : job.path("broadcasts")) watch.put(b.path("destination").asText(), b.path("watchUrl").asText());
        assertEquals("https://www.twitch.tv/star_twitch", watch.get("twitch"));
        assertEquals("https://kick.com/star_kick", watch.get("kick"));
        assertEquals("https://www.instagram.com/star_ig/live/", watch.get("instagram"));
        assertEquals("ig-session-key", liveStream("instagram").path("streamKey").asText(), "the per-job key, not the pasted one");
        JsonNode ytBroadcast = only(bed.get().simJson("GET", "/sim/youtube/liveBroadcasts", null), PlatformsTestBed.ref(user), "youtube");
        assertEquals("https://www.youtube.com/watch?v=" + ytBroadcast.path("id").asText(), watch.get("youtube"));
        JsonNode fbVideo = only(bed.get().simJson("GET", "/sim/facebook/live_videos", null), PlatformsTestBed.ref(user), "facebook");
        assertEquals("https://www.facebook.com/" + fbVideo.path("id").asText(), watch.get("facebook"));

        // YouTube: bound to the reusable stream and auto-started; Facebook: live.
        JsonNode ytStream = bed.get().simJson("GET", "/sim/youtube/liveStreams", null);
        String boundTo = ytBroadcast.path("contentDetails").path("boundStreamId").asText();
        assertTrue(ytStream.findValuesAsText("id").contains(boundTo), "bound to an existing stream");
        assertEquals("live", ytBroadcast.path("status").path("lifeCycleStatus").asText());
        assertEquals("LIVE", fbVideo.path("status").asText());

        // The YouTube access token expires while live: stopping still completes the broadcast (refreshed on the 401).
        int ytRefreshes = bed.get().simJson("GET", "/sim/youtube/tokens", null).path("refreshes").asInt();
        assertTrue(bed.get().simJson("POST", "/sim/youtube/tokens/expire", null).path("expired").asInt() >= 1);

        // Stop: the YouTube broadcast is completed and the Facebook live video ended, by the service.
        assertEquals(202, bed.get().call("POST", bed.get().base + "/api/v1/jobs/" + jobId + "/stop", user, null).statusCode());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals("stopped", job(user, jobId).path("status").asText());
            JsonNode yt = byId(bed.get().simJson("GET", "/sim/youtube/liveBroadcasts", null), ytBroadcast.path("id").asText());
            assertEquals("complete", yt.path("status").path("lifeCycleStatus").asText());
            JsonNode fb = byId(bed.get().simJson("GET", "/sim/facebook/live_videos", null), fbVideo.path("id").asText());
            assertEquals("VOD", fb.path("status").asText());
            for (String p : tls.keySet()) assertEquals(null, liveStream(p), p + " ingest closed");
        });
        assertEquals(ytRefreshes + 1, bed.get().simJson("GET", "/sim/youtube/tokens", null).path("refreshes").asInt(), "one silent refresh");
        sub.close();

        // No secret anywhere: not the stored tokens, not any token the platforms issued, not a stream key.
        List<String> secrets = new ArrayList<>();
        secrets.add("ig-pasted-key");
        for (String p : List.of("twitch", "youtube", "kick", "facebook")) {
            StoredConnection c = bed.get().stored(user, p);
            secrets.add(c.secrets().accessToken());
            if (c.secrets().refreshToken() != null) secrets.add(c.secrets().refreshToken());
        }
        for (String p : tls.keySet()) {
            for (JsonNode s : bed.get().simJson("GET", "/sim/" + p + "/streams", null)) secrets.add(s.path("streamKey").asText());
        }
        secrets.add("sim-twitch-secret");
        List<String> outputs = new ArrayList<>(bed.get().apiBodies);
        outputs.addAll(events);
        outputs.addAll(logs.get().lines);
        assertTrue(outputs.size() > 50, "something was captured: " + outputs.size());
        assertTrue(events.stream().anyMatch(e -> e.contains("watchUrl")), "job events were heard");
        for (String out : outputs) {
            assertFalse(SIM_TOKEN.matcher(out).find(), "a platform token leaked into: " + out);
            for (String secret : secrets) assertFalse(out.contains(secret), "a secret leaked into: " + out);
        }
    }

    @Test
    void aRevokedGrantFailsTheBroadcastClearlyAndAsksForReconnect() {
        var user = bed.get().newUser();
        assertTrue(bed.get().connect(user, "twitch", true, "revoked_one").ok());
        bed.get().simJson("POST", "/sim/twitch/tokens/revoke", null);
        var created = bed.get().call("POST", bed.get().base + "/api/v1/jobs", user, Json.write(Map.of(
                "publisherSessionId", "demo-revoked", "destinations", List.of("twitch"))));
        assertEquals(201, created.statusCode());
        String jobId = PlatformsTestBed.json(created).get("id").asText();
        JsonNode job = await().atMost(Duration.ofSeconds(60)).until(() -> job(user, jobId),
                j -> j.path("broadcasts").path(0).path("state").asText().equals("failed"));
        assertEquals("needs_reconnect", job.path("broadcasts").path(0).path("error").path("code").asText(), job.toString());
        assertTrue(job.path("broadcasts").path(0).path("error").path("message").asText().contains("reconnect twitch"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String status = job(user, jobId).path("status").asText();
            return status.equals("failed") || status.equals("stopped") || status.equals("ended");
        });
        assertTrue(PlatformsTestBed.find(bed.get().connectionsOf(user), "twitch").path("needsReconnect").asBoolean(),
                "the connection asks for a reconnect");
        // Reconnecting clears it.
        assertTrue(bed.get().connect(user, "twitch", true, "revoked_one").ok());
        assertFalse(PlatformsTestBed.find(bed.get().connectionsOf(user), "twitch").path("needsReconnect").asBoolean());
    }

    private static JsonNode job(java.util.Map<String, String> user, String jobId) {
        return PlatformsTestBed.json(bed.get().call("GET", bed.get().base + "/api/v1/jobs/" + jobId, user, null));
    }

    /** The platform's live ingest session, or null. */
    private static JsonNode liveStream(String platform) {
        for (JsonNode s : bed.get().simJson("GET", "/sim/" + platform + "/streams", null)) {
            if (s.path("state").asText().equals("live")) return s;
        }
        return null;
    }

    /** The one object of this user's account on the platform (by the connection's platform user id). */
    private static JsonNode only(JsonNode list, io.restream.core.model.UserRef user, String platform) throws Exception {
        String owner = bed.get().stored(Map.of("X-Client-Id", user.clientId(), "X-User-Id", user.userId()), platform).connection().platformUserId();
        JsonNode found = null;
        for (JsonNode n : list) {
            boolean mine = platform.equals("youtube") ? n.path("snippet").path("channelId").asText().equals(owner)
                    : n.path("permalink_url").asText().startsWith("/" + owner + "/");
            if (mine) {
                assertEquals(null, found, "one " + platform + " broadcast for the job");
                found = n;
            }
        }
        assertNotNull(found, "a " + platform + " broadcast exists");
        return found;
    }

    private static JsonNode byId(JsonNode list, String id) {
        for (JsonNode n : list) if (n.path("id").asText().equals(id)) return n;
        throw new AssertionError("no " + id);
    }
}
