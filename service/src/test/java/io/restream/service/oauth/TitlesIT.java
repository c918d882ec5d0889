package io.restream.service.oauth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.connections.ConnectionSecrets;
import io.restream.core.connections.StoredConnection;
import io.restream.core.json.Json;
import io.restream.sim.state.SimPlatform;
import io.restream.testkit.Fixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Titles and descriptions through the real service, worker and platform simulator: set at goLive
 * and by {@code PATCH /jobs/current/metadata} while live, read back where each platform keeps them
 * (Twitch and Kick on the channel, YouTube on the broadcast's snippet, Facebook on the live video)
 * with the simulator's own tokens, not the service's. A platform that refuses the title (a grant
 * without the scope) shows it on that broadcast only.
 */
class TitlesIT {
    @RegisterExtension
    static final Fixture<PlatformsTestBed> bed = Fixture.perClass(PlatformsTestBed::withWorker);

    @Test
    void titlesReachAllFourPlatformsAtGoLiveAndAfterALiveEdit() throws Exception {
        var user = bed.get().newUser();
        for (String p : List.of("twitch", "youtube", "kick", "facebook")) assertTrue(bed.get().connect(user, p, true, "titled_" + p).ok(), p);
        var created = bed.get().call("POST", bed.get().base + "/api/v1/jobs", user, Json.write(Map.of("publisherSessionId", "demo-titles",
                "destinations", List.of("twitch", "youtube", "kick", "facebook"), "title", "Opening night", "description", "First stream of the season")));
        assertEquals(201, created.statusCode(), created.body());
        String jobId = PlatformsTestBed.json(created).path("id").asText();
        assertEquals("Opening night", PlatformsTestBed.json(created).path("title").asText());

        JsonNode job = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> job(user, jobId),
                j -> !broadcast(j, "youtube").path("broadcastId").asText().isEmpty() && !broadcast(j, "facebook").path("broadcastId").asText().isEmpty()
                        && "live".equals(broadcast(j, "twitch").path("state").asText()) && "live".equals(broadcast(j, "kick").path("state").asText()));
        String ytId = broadcast(job, "youtube").path("broadcastId").asText();
        String fbId = broadcast(job, "facebook").path("broadcastId").asText();
        assertEquals("https://www.youtube.com/watch?v=" + ytId, broadcast(job, "youtube").path("watchUrl").asText());
        assertEquals("https://www.facebook.com/" + fbId, broadcast(job, "facebook").path("watchUrl").asText());

        Readers read = new Readers(user);
        assertEquals("Opening night", read.twitchTitle());
        assertEquals("Opening night", read.kickTitle());
        JsonNode yt = read.youtubeSnippet(ytId);
        assertEquals("Opening night", yt.path("title").asText());
        assertEquals("First stream of the season", yt.path("description").asText());
        String scheduled = yt.path("scheduledStartTime").asText();
        assertFalse(scheduled.isEmpty());
        JsonNode fb = read.facebookVideo(fbId);
        assertEquals("Opening night", fb.path("title").asText());
        assertEquals("First stream of the season", fb.path("description").asText());

        // A live edit: every platform has it by the time the PATCH answers.
        var patched = bed.get().call("PATCH", bed.get().base + "/api/v1/jobs/current/metadata", user,
                Json.write(Map.of("title", "Encore", "description", "Second half")));
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("Encore", PlatformsTestBed.json(patched).path("title").asText());
        assertEquals("Encore", read.twitchTitle());
        assertEquals("Encore", read.kickTitle());
        yt = read.youtubeSnippet(ytId);
        assertEquals("Encore", yt.path("title").asText());
        assertEquals("Second half", yt.path("description").asText());
        assertEquals(scheduled, yt.path("scheduledStartTime").asText(), "the whole snippet was sent back");
        fb = read.facebookVideo(fbId);
        assertEquals("Encore", fb.path("title").asText());
        assertEquals("Second half", fb.path("description").asText());
        for (JsonNode b : PlatformsTestBed.json(patched).path("broadcasts")) assertTrue(b.path("error").isMissingNode(), b.toString());

        // Kick's grant loses channel:write (as a connection made before the scope was asked for): only its broadcast says so.
        StoredConnection kick = bed.get().stored(user, "kick");
        SimPlatform simKick = bed.get().sim.state().platform("kick");
        String narrow = simKick.issue(simKick.user("titled_kick"), simKick.clientId,
                List.of("user:read", "channel:read", "streamkey:read", "events:subscribe", "chat:write"), false).access;
        ConnectionSecrets s = kick.secrets();
        bed.get().connections.updateSecrets(PlatformsTestBed.ref(user), kick.connection(), new ConnectionSecrets(s.ingestUrl(), s.streamKey(),
                narrow, s.refreshToken(), s.accessExpiresAt(), s.scopes(), s.extra())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        var refused = bed.get().call("PATCH", bed.get().base + "/api/v1/jobs/current/metadata", user, Json.write(Map.of("title", "Finale")));
        assertEquals(200, refused.statusCode(), refused.body());
        JsonNode after = PlatformsTestBed.json(refused);
        assertEquals("missing_scope", broadcast(after, "kick").path("error").path("code").asText(), after.toString());
        assertTrue(broadcast(after, "kick").path("error").path("message").asText().contains("channel:write"));
        assertEquals("live", broadcast(after, "kick").path("state").asText(), "the push carries on");
        assertTrue(broadcast(after, "twitch").path("error").isMissingNode());
        assertEquals("running", after.path("status").asText());
        assertEquals("Finale", read.twitchTitle());
        assertEquals("Encore", read.kickTitle());
        assertFalse(PlatformsTestBed.find(bed.get().connectionsOf(user), "kick").path("needsReconnect").asBoolean(), "a missing scope is not a dead grant");

        assertEquals(202, bed.get().call("POST", bed.get().base + "/api/v1/jobs/" + jobId + "/stop", user, null).statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> job(user, jobId).path("status").asText().equals("stopped"));
    }

    /** Reads titles at each platform's own read path, with tokens the simulator issued to this test. */
    private static final class Readers {
        private final Map<String, String> user;

        Readers(Map<String, String> user) {
            this.user = user;
        }

        String twitchTitle() throws Exception {
            String id = bed.get().stored(user, "twitch").connection().platformUserId();
            return get("twitch", "/twitch/helix/channels?broadcaster_id=" + id).path("data").path(0).path("title").asText();
        }

        String kickTitle() {
            return get("kick", "/kick/public/v1/channels").path("data").path(0).path("stream_title").asText();
        }

        JsonNode youtubeSnippet(String id) {
            return get("youtube", "/youtube/youtube/v3/liveBroadcasts?part=snippet&id=" + id).path("items").path(0).path("snippet");
        }

        JsonNode facebookVideo(String id) {
            return get("facebook", "/facebook/graph/v23.0/" + id + "?fields=title,description");
        }

        private JsonNode get(String platform, String path) {
            SimPlatform p = bed.get().sim.state().platform(platform);
            String token = p.issue(p.user("titled_" + platform), p.clientId, List.of(), false).access;
            HttpResponse<String> r = bed.get().call("GET", bed.get().sim.baseUrl() + path,
                    Map.of("Authorization", "Bearer " + token, "Client-Id", p.clientId), null);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return PlatformsTestBed.json(r);
        }
    }

    private static JsonNode job(Map<String, String> user, String jobId) {
        return PlatformsTestBed.json(bed.get().call("GET", bed.get().base + "/api/v1/jobs/" + jobId, user, null));
    }

    private static JsonNode broadcast(JsonNode job, String destination) {
        for (JsonNode b : job.path("broadcasts")) if (b.path("destination").asText().equals(destination)) return b;
        return Json.MAPPER.createObjectNode();
    }
}
