package io.restream.platforms.facebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiveCommentsParsingTest {
    @ParameterizedTest
    @CsvSource({
        "2025-01-14T16:08:06+0000, 1736870886000",
        "2025-01-14T18:08:06+0200, 1736870886000",
        "2025-01-14T16:08:06Z, 1736870886000",
    })
    void graphTimesAreEpochMillis(String graphTime, long expected) {
        assertEquals(expected, LiveCommentsStream.parseTime(graphTime));
    }

    @Test
    void aCommentWithoutFromIsAttributedToAFacebookUser() {
        JsonNode c = Json.read("{\"id\":\"123_456\",\"message\":\"hi\",\"created_time\":\"2025-01-14T16:08:06+0000\"}", JsonNode.class);
        Comment comment = LiveCommentsStream.toComment(c);
        assertEquals("facebook:123_456", comment.id());
        assertEquals("Facebook user", comment.author());
        assertNull(comment.authorAvatar());
        assertEquals(1736870886000L, comment.timestamp());
    }

    @Test
    void authorAndPictureComeFromFrom() {
        JsonNode c = Json.read("{\"id\":\"1\",\"message\":\"yo\",\"from\":{\"name\":\"Ann\",\"id\":\"9\",\"picture\":{\"data\":{\"url\":\"https://p/x.jpg\"}}}}",
                JsonNode.class);
        Comment comment = LiveCommentsStream.toComment(c);
        assertEquals("Ann", comment.author());
        assertEquals("https://p/x.jpg", comment.authorAvatar());
    }
}
