package io.restream.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import io.restream.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies: bad JSON is {@code 400 invalid_json}, a non-object is {@code validation_failed}. */
public final class Bodies {
    private Bodies() {}

    /** The body as a JSON object; an empty body counts as {@code {}}. */
    public static JsonNode object(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) return Json.MAPPER.createObjectNode();
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "Request body is not valid JSON");
        }
        if (node == null || !node.isObject()) throw ApiException.validation("body", "must be a JSON object");
        return node;
    }
}
