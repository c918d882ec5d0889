package io.restream.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed reads of request fields that collect every problem, so one {@code validation_failed}
 * names all bad fields at once.
 */
public final class Fields {
    private final JsonNode body;
    private final Map<String, String> problems = new LinkedHashMap<>();

    public Fields(JsonNode body) {
        this.body = body;
    }

    public Map<String, String> problems() { return problems; }

    public boolean ok() { return problems.isEmpty(); }

    public void problem(String field, String reason) { problems.putIfAbsent(field, reason); }

    public boolean has(String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull();
    }

    public JsonNode node(String field) { return body.get(field); }

    /** A required string matching {@code pattern}. */
    public String string(String field, Pattern pattern, String rule) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            problem(field, "required");
            return null;
        }
        return checkString(field, n, pattern, rule);
    }

    public Optional<String> optionalString(String field, Pattern pattern, String rule) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return Optional.empty();
        return Optional.ofNullable(checkString(field, n, pattern, rule));
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isBoolean()) {
            problem(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(n.booleanValue());
    }

    /** An optional whole number; absent gives empty. */
    public Optional<Long> optionalLong(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            problem(field, "must be a whole number");
            return Optional.empty();
        }
        return Optional.of(n.longValue());
    }

    /** An array of strings (absent gives empty); {@code maxItems} bounds it. */
    public Optional<List<String>> optionalStrings(String field, int maxItems) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isArray()) {
            problem(field, "must be an array of strings");
            return Optional.empty();
        }
        if (n.size() > maxItems) {
            problem(field, "at most " + maxItems + " items");
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                problem(field, "must be an array of strings");
                return Optional.empty();
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    private String checkString(String field, JsonNode n, Pattern pattern, String rule) {
        if (!n.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        String v = n.textValue();
        if (pattern != null && !pattern.matcher(v).matches()) {
            problem(field, rule);
            return null;
        }
        return v;
    }
}
