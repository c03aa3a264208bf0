package io.ember.config;

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

    /**
     * A value and its origin.
     *
     * @param value  the value as written
     * @param origin where it was written: {@code file:line}, {@code command line (--key)}, {@code code}
     */
    public record Entry(String value, String origin) {
    }

    private final Map<String, Entry> entries;

    private Settings(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * No settings: every key at its default.
     *
     * @return empty settings
     */
    public static Settings empty() {
        return new Settings(new LinkedHashMap<>());
    }

    /**
     * Settings from alternating keys and values, origin "code" (for the Java API and tests).
     *
     * @param keyValues key, value, key, value ...
     * @return the settings
     */
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

    /**
     * Reads a config file of {@code key = value} lines; {@code #} starts a comment line.
     *
     * @param file the file
     * @return its settings, each remembering its line
     * @throws ConfigException naming the file and line of a malformed or duplicate line
     */
    public static Settings load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e);
        }
        Map<String, Entry> map = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = (i == 0 ? stripBom(lines.get(i)) : lines.get(i)).strip();
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

    /**
     * A text file's first line without the byte-order mark some editors write (U+FEFF).
     *
     * @param firstLine the line as read
     * @return the line without a leading byte-order mark
     */
    public static String stripBom(String firstLine) {
        return firstLine.startsWith("\uFEFF") ? firstLine.substring(1) : firstLine;
    }

    /**
     * A copy with one key set, replacing any earlier value.
     *
     * @param key    a configuration key
     * @param value  its value
     * @param origin where the value comes from, for error messages
     * @return the new settings
     */
    public Settings with(String key, String value, String origin) {
        Map<String, Entry> m = new LinkedHashMap<>(entries);
        m.remove(key);
        m.put(key, new Entry(value, origin));
        return new Settings(m);
    }

    /**
     * A copy where every entry of {@code overrides} replaces ours.
     *
     * @param overrides settings that win
     * @return the merged settings
     */
    public Settings overriddenBy(Settings overrides) {
        Map<String, Entry> m = new LinkedHashMap<>(entries);
        overrides.entries.forEach((k, e) -> {
            m.remove(k);
            m.put(k, e);
        });
        return new Settings(m);
    }

    /**
     * One key's entry.
     *
     * @param key a configuration key
     * @return its value and origin, if set
     */
    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * Every entry, in the order set.
     *
     * @return an unmodifiable view
     */
    public Map<String, Entry> entries() {
        return entries;
    }
}
