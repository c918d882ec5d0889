package io.restream.platforms.youtube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.json.Json;
import io.restream.core.model.Comment;
import org.junit.jupiter.api.Test;

class LiveChatParsingTest {
    private static Comment parse(String json) {
        return LiveChatPoller.toComment(Json.read(json, JsonNode.class));
    }

    @Test
    void aTextMessageBecomesACommentWithTheAuthorsDetails() {
        Comment c = parse("{\"id\":\"LCC.1\",\"snippet\":{\"type\":\"textMessageEvent\",\"publishedAt\":\"2025-01-14T16:08:06.123Z\","
                + "\"displayMessage\":\"hello\"},\"authorDetails\":{\"displayName\":\"Yu\",\"profileImageUrl\":\"https://yt/p\"}}");
        assertEquals("youtube:LCC.1", c.id());
        assertEquals("hello", c.message());
        assertEquals("Yu", c.author());
        assertEquals("https://yt/p", c.authorAvatar());
        assertEquals(1736870886123L, c.timestamp());
    }

    @Test
    void theTextFallsBackToTextMessageDetails() {
        Comment c = parse("{\"id\":\"LCC.2\",\"snippet\":{\"textMessageDetails\":{\"messageText\":\"raw\"}},\"authorDetails\":{}}");
        assertEquals("raw", c.message());
        assertEquals("YouTube user", c.author());
    }

    @Test
    void anItemWithoutTextIsSkipped() {
        assertNull(parse("{\"id\":\"LCC.3\",\"snippet\":{\"type\":\"chatEndedEvent\"}}"));
        assertNull(parse("{\"snippet\":{\"displayMessage\":\"no id\"}}"));
    }
}
