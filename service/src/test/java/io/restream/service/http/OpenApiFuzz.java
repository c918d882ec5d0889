package io.restream.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restream.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Requests generated from the service's own OpenAPI document: every path and declared method, wrong
 * and invented methods, bodies built from each request schema and then mutated (wrong types,
 * missing and extra fields, huge values, broken JSON), odd content types, and every credential
 * kind (including query credentials and malformed percent-encodings in the target).
 */
final class OpenApiFuzz {
    static final String[] ALL_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "BREW"};
    static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=b", "text/plain", "application/xml", "application/json; charset=latin1", "*/*", ""};

    /** One request: method, raw target, headers, body (null for none). */
    record Request(String method, String target, Map<String, String> headers, String body) {}

    /** The credential headers (and query suffix) of one kind. */
    record Credential(Map<String, String> headers, String query) {}

    private record Operation(String path, String method, JsonNode schema) {}

    private final List<Operation> operations = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final Random random;

    OpenApiFuzz(JsonNode openapi, Random random) {
        this.random = random;
        Iterator<Map.Entry<String, JsonNode>> it = openapi.path("paths").fields();
        while (it.hasNext()) {
            var e = it.next();
            paths.add(e.getKey());
            e.getValue().fields().forEachRemaining(m -> operations.add(new Operation(e.getKey(), m.getKey().toUpperCase(),
                    m.getValue().path("requestBody").path("content").path("application/json").path("schema"))));
        }
    }

    int operationCount() { return operations.size(); }

    Request next(List<Credential> credentials, Map<String, String> ids) {
        Operation op = operations.get(random.nextInt(operations.size()));
        String method = switch (random.nextInt(10)) {
            case 0, 1 -> ALL_METHODS[random.nextInt(ALL_METHODS.length)];
            default -> op.method();
        };
        Credential cred = credentials.get(random.nextInt(credentials.size()));
        String target = fill(op.path(), ids) + query(op.path(), cred);
        Map<String, String> headers = new LinkedHashMap<>(cred.headers());
        String body = null;
        if (random.nextInt(5) != 0 && !method.equals("HEAD")) {
            body = body(op.schema());
            String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            if (!type.isEmpty()) headers.put("Content-Type", type);
        }
        return new Request(method, target, headers, body);
    }

    private String fill(String path, Map<String, String> ids) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                parts.add(random.nextInt(3) == 0 && ids.containsKey(name) ? ids.get(name) : segment());
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private String query(String path, Credential cred) {
        StringBuilder q = new StringBuilder();
        if (path.equals("/api/v1/events") || random.nextInt(6) == 0) q.append(cred.query());
        switch (random.nextInt(12)) {
            case 0 -> q.append("&%=%");
            case 1 -> q.append("&limit=").append(random.nextInt(100_000) - 50_000);
            case 2 -> q.append("&status=").append(random.nextBoolean() ? "running" : "%E2%80%AE");
            case 3 -> q.append("&lastEventId=").append(random.nextBoolean() ? "1-0" : "x%00y");
            case 4 -> q.append("&state=").append("s".repeat(random.nextInt(400))).append("&code=c&error=").append(random.nextBoolean() ? "access_denied" : "x");
            default -> { }
        }
        return q.length() == 0 ? "" : "?" + q.substring(q.charAt(0) == '&' ? 1 : 0);
    }

    private String segment() {
        return switch (random.nextInt(10)) {
            case 0 -> "%zz";
            case 1 -> "x".repeat(1 + random.nextInt(3000));
            case 2 -> "..%2F..%2Fetc%2Fpasswd";
            case 3 -> "%F0%9F%92%A9";
            case 4 -> "custom:one";
            case 5 -> "twitch";
            case 6 -> "%C0%AF";
            case 7 -> "job_" + random.nextInt(1000);
            case 8 -> "sig_" + random.nextInt(1000);
            default -> Integer.toString(random.nextInt());
        };
    }

    private String body(JsonNode schema) {
        switch (random.nextInt(10)) {
            case 0 -> { return "{"; }
            case 1 -> { return "[" .repeat(random.nextInt(3000)); }
            case 2 -> { return "a=b&c=%zz"; }
            case 3 -> { return "\"" + "y".repeat(random.nextInt(70_000)) + "\""; }
            default -> { }
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        schema.path("properties").fields().forEachRemaining(f -> {
            if (random.nextInt(4) == 0) return; // missing field
            o.set(f.getKey(), value(f.getValue()));
        });
        if (random.nextInt(4) == 0) o.put("extra_" + random.nextInt(9), random.nextInt());
        return o.toString();
    }

    private JsonNode value(JsonNode schema) {
        String type = schema.path("type").asText("string");
        int mutate = random.nextInt(6);
        if (mutate == 0) return Json.MAPPER.getNodeFactory().nullNode();
        if (mutate == 1) return Json.MAPPER.getNodeFactory().numberNode(random.nextLong());
        if (mutate == 2) return Json.MAPPER.getNodeFactory().textNode("z".repeat(random.nextInt(6000)));
        return switch (type) {
            case "integer", "number" -> Json.MAPPER.getNodeFactory().numberNode(random.nextInt(200_000) - 100_000);
            case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case "array" -> {
                var a = Json.MAPPER.createArrayNode();
                for (int i = random.nextInt(4); i > 0; i--) a.add(value(schema.path("items")));
                yield a;
            }
            case "object" -> {
                ObjectNode o = Json.MAPPER.createObjectNode();
                schema.path("properties").fields().forEachRemaining(f -> o.set(f.getKey(), value(f.getValue())));
                yield o;
            }
            default -> Json.MAPPER.getNodeFactory().textNode(switch (random.nextInt(7)) {
                case 0 -> "rtmp://0177.0.0.1/live";
                case 1 -> "https://[::127.0.0.1]/x.png";
                case 2 -> "twitch";
                case 3 -> "demo-fuzz";
                case 4 -> "https://app.example.com";
                case 5 -> "http://127.0.0.1:1/cb";
                default -> "v" + random.nextInt(100);
            });
        };
    }
}
