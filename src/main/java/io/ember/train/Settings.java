package io.ember.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw configuration: keys to string values, each remembering where it came from
 * ({@code conf/mnist.conf:12}, {@code command line}) so that errors can point at it.
 * Files hold {@code key = value} lines; {@code #} starts a comment line.
 */
public final class Settings {

    /** A value and its origin. */
    public record Entry(String value, String origin) {
    }

    private final Map<String, Entry> entries;

    private Settings(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static Settings empty() {
        return new Settings(new LinkedHashMap<>());
    }

    /** Settings from alternating keys and values, origin "code" (for tests and the Java API). */
    public static Settings of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("Settings.of needs key/value pairs");
        }
        Settings s = empty();
        for (int i = 0; i < keyValues.length; i += 2) {
            s = s.with(keyValues[i], keyValues[i + 1], "code");
        }
        return s;
    }

    /** Reads a config file; a malformed or duplicate line is a ConfigException naming file and line. */
    public static Settings load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e);
        }
        Map<String, Entry> map = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String origin = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(origin + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            Entry previous = map.put(key, new Entry(value, origin));
            if (previous != null) {
                throw new ConfigException(origin + ": key '" + key + "' is already set at " + previous.origin());
            }
        }
        return new Settings(map);
    }

    /** A copy with {@code key} set (replacing any earlier value). */
    public Settings with(String key, String value, String origin) {
        Map<String, Entry> m = new LinkedHashMap<>(entries);
        m.remove(key);
        m.put(key, new Entry(value, origin));
        return new Settings(m);
    }

    /** A copy where every entry of {@code overrides} replaces ours. */
    public Settings overriddenBy(Settings overrides) {
        Map<String, Entry> m = new LinkedHashMap<>(entries);
        overrides.entries.forEach((k, e) -> {
            m.remove(k);
            m.put(k, e);
        });
        return new Settings(m);
    }

    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public Map<String, Entry> entries() {
        return entries;
    }
}
