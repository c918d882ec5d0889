package io.restream.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Raw configuration: the environment, over an optional properties file named by
 * {@code RESTREAM_CONFIG_FILE} (same keys). Each module turns it into its own immutable config record
 * and validates it there.
 */
public final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return layered(System.getenv());
    }

    /** The file named by {@code RESTREAM_CONFIG_FILE} in {@code env} (if any), then {@code env} over it. */
    public static Settings layered(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get("RESTREAM_CONFIG_FILE");
        if (file != null && !file.isBlank()) merged.putAll(readProperties(Path.of(file)));
        env.forEach((k, v) -> { if (v != null) merged.put(k, v); });
        return new Settings(merged);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    public Settings with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new Settings(copy);
    }

    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public boolean flag(String key, boolean fallback, Problems problems) {
        Optional<String> v = get(key);
        if (v.isEmpty()) return fallback;
        return switch (v.get().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(key + " must be true or false, got '" + v.get() + "'");
                yield fallback;
            }
        };
    }

    public long number(String key, long fallback, long min, long max, Problems problems) {
        Optional<String> v = get(key);
        if (v.isEmpty()) return fallback;
        try {
            long n = Long.parseLong(v.get());
            if (n < min || n > max) {
                problems.add(key + " must be between " + min + " and " + max + ", got " + n);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, got '" + v.get() + "'");
            return fallback;
        }
    }

    /** True when any platform's OAuth client id is configured, which turns sandbox mode off by default. */
    public boolean hasPlatformCredentials() {
        for (String p : new String[] {"TWITCH", "KICK", "YOUTUBE", "FACEBOOK"}) {
            if (get("RESTREAM_" + p + "_CLIENT_ID").isPresent()) return true;
        }
        return false;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        Map<String, String> out = new HashMap<>();
        props.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }
}
