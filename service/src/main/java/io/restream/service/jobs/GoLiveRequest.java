package io.restream.service.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.restream.core.error.ApiException;
import io.restream.core.model.Overlay;
import io.restream.core.model.Platform;
import io.restream.platforms.port.JobContext.PastedIngest;
import io.restream.service.connections.IngestUrls;
import io.restream.service.http.Fields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A goLive body checked against every rule of docs/API.md §4 that needs no I/O. URL checks
 * (DNS) and "is it connected" follow in {@link JobRoutes}.
 */
record GoLiveRequest(
        String publisherSessionId,
        List<String> destinations,
        List<String> trackNames,
        Overlay overlay,
        boolean recording,
        Map<String, PastedIngest> ingest,
        String title,
        String description) {

    static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern CUSTOM_ID = Pattern.compile("custom:[a-z0-9-]{1,32}");
    static final List<String> TRACKS = List.of("audio", "video");
    static final int MAX_DESTINATIONS = 32;

    static final int MAX_TITLE = 140;
    static final int MAX_DESCRIPTION = 5_000;

    static GoLiveRequest parse(JsonNode body) {
        Fields f = new Fields(body);
        String psid = f.string("publisherSessionId", SESSION_ID, "1-128 characters of [A-Za-z0-9._:-]");
        List<String> destinations = destinations(f);
        List<String> tracks = tracks(f);
        Overlay overlay = OverlayRequest.parse(body.get("overlay"), "overlay", f);
        boolean recording = f.optionalBoolean("recording").orElse(false);
        Map<String, PastedIngest> ingest = ingest(f, body.get("ingest"), destinations);
        String title = title(f);
        String description = description(f);
        if (!f.ok()) throw ApiException.validation(f.problems());
        return new GoLiveRequest(psid, destinations, tracks, overlay, recording, ingest, title, description);
    }

    /** {@code title}: 1–140 characters, not blank; null when absent. */
    static String title(Fields f) {
        String t = f.optionalString("title", null, null).orElse(null);
        if (t != null && (t.isBlank() || t.codePointCount(0, t.length()) > MAX_TITLE)) {
            f.problem("title", "1-" + MAX_TITLE + " characters, not blank");
            return null;
        }
        return t == null ? null : t.strip();
    }

    /** {@code description}: at most 5,000 characters; null when absent. */
    static String description(Fields f) {
        String d = f.optionalString("description", null, null).orElse(null);
        if (d != null && d.codePointCount(0, d.length()) > MAX_DESCRIPTION) {
            f.problem("description", "at most " + MAX_DESCRIPTION + " characters");
            return null;
        }
        return d;
    }

    private static List<String> destinations(Fields f) {
        if (!f.has("destinations")) {
            f.problem("destinations", "required: a non-empty array of connection ids");
            return List.of();
        }
        List<String> given = f.optionalStrings("destinations", MAX_DESTINATIONS).orElse(null);
        if (given == null) return List.of();
        if (given.isEmpty()) {
            f.problem("destinations", "must not be empty");
            return List.of();
        }
        return connectionIds("destinations", given);
    }

    /** Destination ids as connection ids, duplicates removed; an unknown one is {@code 400 unknown_platform}. */
    static List<String> connectionIds(String field, List<String> given) {
        List<String> unknown = new ArrayList<>();
        for (String d : given) {
            boolean known = CUSTOM_ID.matcher(d).matches() || Platform.fromId(d).filter(p -> p != Platform.CUSTOM).isPresent();
            if (!known) unknown.add(d.length() > 40 ? d.substring(0, 40) + "…" : d);
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(400, "unknown_platform", "Unknown destination: " + String.join(", ", unknown)
                    + " (twitch, kick, youtube, facebook, instagram or custom:<name>)", Map.of(field, "unknown: " + String.join(", ", unknown)));
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    private static List<String> tracks(Fields f) {
        List<String> given = f.optionalStrings("trackNames", 4).orElse(null);
        if (given == null) return TRACKS;
        LinkedHashSet<String> set = new LinkedHashSet<>(given);
        if (set.isEmpty() || !TRACKS.containsAll(set)) {
            f.problem("trackNames", "a non-empty subset of [\"audio\",\"video\"]");
            return TRACKS;
        }
        return TRACKS.stream().filter(set::contains).toList();
    }

    private static Map<String, PastedIngest> ingest(Fields f, JsonNode node, List<String> destinations) {
        Map<String, PastedIngest> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) return out;
        if (!node.isObject()) {
            f.problem("ingest", "must be an object of {\"<destination>\": {url, streamKey}}");
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            String id = e.getKey();
            String field = "ingest." + (id.length() > 40 ? id.substring(0, 40) : id);
            boolean pasted = id.equals("instagram") || CUSTOM_ID.matcher(id).matches();
            if (!pasted) {
                f.problem(field, "only destinations without a platform API (instagram, custom:<name>) take an ingest override");
                continue;
            }
            if (!destinations.contains(id)) {
                f.problem(field, "is not one of this job's destinations");
                continue;
            }
            if (!e.getValue().isObject()) {
                f.problem(field, "must be an object {url, streamKey}");
                continue;
            }
            Fields inner = new Fields(e.getValue());
            String url = inner.string("url", null, null);
            String key = IngestUrls.streamKey(inner, "streamKey");
            inner.problems().forEach((k, v) -> f.problem(field + "." + k, v));
            if (inner.ok()) out.put(id, new PastedIngest(url.trim(), key));
        }
        return out;
    }
}
