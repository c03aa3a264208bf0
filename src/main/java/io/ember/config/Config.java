package io.ember.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated configuration: every setting of a {@link SettingSet} with its value (given, or its
 * default), each checked once by its declaration and then by the set's rules. Errors name where a
 * value came from (file and line, or the option), the key and the value. Immutable.
 */
public final class Config {
    private final SettingSet set;
    private final Settings given;
    private final Map<Setting<?>, Object> values;
    private final Map<String, String> resolved;

    private Config(SettingSet set, Settings given) {
        this.set = set;
        this.given = given;
        for (Map.Entry<String, Settings.Entry> e : given.entries().entrySet()) {
            if (set.byKey(e.getKey()) == null) {
                String hint = set.closest(e.getKey());
                throw new ConfigException(e.getValue().origin() + ": unknown key '" + e.getKey() + "'"
                        + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                        + "; 'ember train --help' lists every key");
            }
        }
        Map<Setting<?>, Object> v = new HashMap<>();
        Map<String, String> r = new LinkedHashMap<>();
        for (Setting<?> s : set.settings()) {
            String text = raw(s);
            r.put(s.key(), text);
            try {
                v.put(s, s.parse(text));
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw fail(s, e.getMessage());
            }
        }
        this.values = v;
        this.resolved = Collections.unmodifiableMap(r);
        for (SettingSet.Rule rule : set.rules()) {
            rule.check(this);
        }
    }

    /**
     * Validates {@code given} against {@code set}.
     *
     * @param set   the settings there are
     * @param given the values given (file, command line, code)
     * @return the configuration
     * @throws ConfigException naming origin, key and value of the first problem
     */
    public static Config parse(SettingSet set, Settings given) {
        return new Config(set, given);
    }

    /**
     * The value of {@code s}.
     *
     * @param s   a setting of this configuration's set
     * @param <T> its type
     * @return its value (null for an optional setting left unset)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> s) {
        if (!values.containsKey(s)) {
            throw new IllegalArgumentException("setting '" + s.key() + "' is not part of this configuration");
        }
        return (T) values.get(s);
    }

    /** True when {@code s} was given, to another value than its default. */
    public boolean isSet(Setting<?> s) {
        return given.get(s.key()).isPresent() && !raw(s).equals(s.defaultText());
    }

    /** True when {@code s} was given at all, even to its default value. */
    public boolean isGiven(Setting<?> s) {
        return given.get(s.key()).isPresent();
    }

    /** Every key with its effective value as text (defaults filled in), in table order. */
    public Map<String, String> resolved() {
        return resolved;
    }

    /** The values as given, with their origins. */
    public Settings given() {
        return given;
    }

    /** The settings this configuration has. */
    public SettingSet settingSet() {
        return set;
    }

    /** This configuration with {@code key} set to {@code value} (validated again). */
    public Config with(String key, String value) {
        Settings s = Settings.empty();
        for (Map.Entry<String, String> e : resolved.entrySet()) {
            s = s.with(e.getKey(), e.getValue(), "resolved configuration");
        }
        return parse(set, s.with(key, value, "override"));
    }

    /**
     * The error for {@code s}'s value: {@code origin: key 'k' = 'v': why}.
     *
     * @param s   the setting
     * @param why what is wrong
     * @return the exception, to throw
     */
    public ConfigException fail(Setting<?> s, String why) {
        String origin = given.get(s.key()).map(Settings.Entry::origin).orElse("default");
        return new ConfigException(origin + ": key '" + s.key() + "' = '" + raw(s) + "': " + why);
    }

    private String raw(Setting<?> s) {
        return given.get(s.key()).map(Settings.Entry::value).orElse(s.defaultText()).trim();
    }
}
