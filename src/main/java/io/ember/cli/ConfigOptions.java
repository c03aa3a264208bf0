package io.ember.cli;

import io.ember.Keys;
import io.ember.config.Setting;
import io.ember.config.Settings;
import io.ember.data.DataSettings;
import io.ember.spark.SparkSettings;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the settings' declarations into command-line options ({@code --lr 0.01}), so every key of a
 * config file can be overridden on the command line and is documented by {@code --help}.
 */
final class ConfigOptions {
    /** What evaluate and predict accept: how to read data files, and where to run. */
    private static final Set<Setting<?>> DATA_OR_RUNTIME = Set.of(DataSettings.FORMAT, DataSettings.NUM_FEATURES,
            DataSettings.LABEL_COLUMN, DataSettings.FEATURES_COLUMN, DataSettings.CSV_HEADER,
            DataSettings.SKIP_BAD_ROWS, SparkSettings.MASTER, SparkSettings.PARTITIONS, SparkSettings.BLAS);

    private ConfigOptions() {
    }

    /** Adds an option for every setting accepted by {@code which}, in help sections by group. */
    static void addTo(CommandSpec spec, Predicate<Setting<?>> which) {
        Map<String, ArgGroupSpec.Builder> groups = new LinkedHashMap<>();
        for (Setting<?> k : Keys.ALL.settings()) {
            if (which.test(k)) {
                String def = k.defaultText().isEmpty() ? "" : " (default: " + k.defaultText() + ")";
                groups.computeIfAbsent(k.group(), g -> ArgGroupSpec.builder().exclusive(false).validate(false)
                        .heading("%n" + Character.toUpperCase(g.charAt(0)) + g.substring(1) + ":%n"))
                        .addArg(OptionSpec.builder("--" + k.key())
                                .paramLabel("VALUE")
                                .type(String.class)
                                .description(k.doc().replace("%", "%%") + def)
                                .build());
            }
        }
        groups.values().forEach(g -> spec.addArgGroup(g.build()));
    }

    /** The settings given on the command line, origin "command line (--key)". */
    static Settings given(ParseResult parsed) {
        Settings s = Settings.empty();
        for (OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName().substring(2);
            if (Keys.ALL.byKey(name) != null) {
                s = s.with(name, o.getValue(), "command line (--" + name + ")");
            }
        }
        return s;
    }

    /** Settings that describe input data and where it runs: the options of evaluate and predict. */
    static boolean dataOrRuntime(Setting<?> k) {
        return DATA_OR_RUNTIME.contains(k);
    }
}
