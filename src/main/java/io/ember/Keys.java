package io.ember;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.SettingSet;
import io.ember.config.Settings;
import io.ember.data.DataSettings;
import io.ember.io.RunSettings;
import io.ember.nn.NetworkSettings;
import io.ember.optim.Optimizers;
import io.ember.spark.SparkSettings;
import io.ember.train.LoopSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Every setting Ember has, gathered from the components that declare them (data, network,
 * optimizers and schedules, the loop, Spark, the run folder). Conf files, command-line options,
 * {@code --help}, the README's key table and the Spark ML Params all come from this one list.
 */
public final class Keys {
    /** The groups of the key table and of {@code --help}, in order. */
    public static final List<String> GROUPS = List.of("data", "network", "optimizer", "schedule", "loop", "spark",
            "output");

    /** Every setting, grouped as {@link #GROUPS} lists them. */
    public static final SettingSet ALL = inGroupOrder(SettingSet.concat(DataSettings.ALL, NetworkSettings.ALL,
            RunSettings.ALL, Optimizers.SETTINGS, LoopSettings.ALL, SparkSettings.ALL));

    private Keys() {
    }

    /**
     * Validates {@code given}: every key must be one of {@link #ALL}, every value in its range, and
     * the values must go together.
     *
     * @param given the values given (file, command line, code)
     * @return the configuration
     * @throws io.ember.config.ConfigException naming origin, key and value of the first problem
     */
    public static Config parse(Settings given) {
        return Config.parse(ALL, given);
    }

    /**
     * A resolved configuration (a model's, a checkpoint's) as settings: the keys it sets to other
     * values than their defaults, as a user would have written them; unknown keys are left out.
     *
     * @param resolved key to value
     * @param origin   where the values come from, for messages ("model config")
     * @return the settings
     */
    public static Settings asSettings(java.util.Map<String, String> resolved, String origin) {
        Settings s = Settings.empty();
        for (java.util.Map.Entry<String, String> e : resolved.entrySet()) {
            Setting<?> key = ALL.byKey(e.getKey());
            if (key != null && !key.defaultText().equals(e.getValue())) {
                s = s.with(e.getKey(), e.getValue(), origin);
            }
        }
        return s;
    }

    /**
     * Every key with its default value as text (empty when unset by default).
     *
     * @return key to default, in table order
     */
    public static java.util.Map<String, String> defaults() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Setting<?> s : ALL.settings()) {
            m.put(s.key(), s.defaultText());
        }
        return m;
    }

    private static SettingSet inGroupOrder(SettingSet all) {
        List<Setting<?>> ordered = new ArrayList<>();
        for (String g : GROUPS) {
            for (Setting<?> s : all.settings()) {
                if (s.group().equals(g)) {
                    ordered.add(s);
                }
            }
        }
        if (ordered.size() != all.settings().size()) {
            throw new IllegalStateException("a setting's group is not one of " + GROUPS);
        }
        return SettingSet.withRulesOf(ordered, all);
    }
}
