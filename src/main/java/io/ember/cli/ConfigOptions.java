package io.ember.cli;

import io.ember.train.ConfigKey;
import io.ember.train.Settings;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.function.Predicate;

/**
 * Turns configuration keys into command-line options ({@code --lr 0.01}), so every key of a
 * config file can be overridden on the command line and is documented by {@code --help}.
 */
final class ConfigOptions {
    private ConfigOptions() {
    }

    /** Adds an option for every key accepted by {@code which}, in help sections by group. */
    static void addTo(CommandSpec spec, Predicate<ConfigKey> which) {
        java.util.Map<String, ArgGroupSpec.Builder> groups = new java.util.LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            if (which.test(k)) {
                String def = k.defaultValue().isEmpty() ? "" : " (default: " + k.defaultValue() + ")";
                groups.computeIfAbsent(k.group(), g -> ArgGroupSpec.builder().exclusive(false).validate(false)
                        .heading("%n" + Character.toUpperCase(g.charAt(0)) + g.substring(1) + ":%n"))
                        .addArg(OptionSpec.builder("--" + k.key())
                                .paramLabel("VALUE")
                                .type(String.class)
                                .description(k.help().replace("%", "%%") + def)
                                .build());
            }
        }
        groups.values().forEach(g -> spec.addArgGroup(g.build()));
    }

    /** The config keys given on the command line, origin "command line (--key)". */
    static Settings given(ParseResult parsed) {
        Settings s = Settings.empty();
        for (OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName().substring(2);
            if (ConfigKey.byName(name) != null) {
                s = s.with(name, o.getValue(), "command line (--" + name + ")");
            }
        }
        return s;
    }

    /** Keys that describe input data and where it runs: the options of evaluate and predict. */
    static boolean dataOrRuntime(ConfigKey k) {
        return (k.group().equals("data") && k != ConfigKey.DATA && k != ConfigKey.VALIDATION
                && k != ConfigKey.VALIDATION_FRACTION && k != ConfigKey.TEST && k != ConfigKey.TASK
                && k != ConfigKey.SCALE) || k == ConfigKey.MASTER || k == ConfigKey.PARTITIONS || k == ConfigKey.BLAS;
    }
}
