package io.ember.cli;

import io.ember.Keys;
import io.ember.config.Config;
import io.ember.io.ModelFormat;
import io.ember.model.Model;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;

/**
 * What evaluate and predict share: a model to load, data to read, and the data and runtime
 * options, which default to the model's own training settings.
 */
abstract class ModelCommand extends PrintingCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    String model;

    static void addConfigOptions(CommandLine cmd) {
        ConfigOptions.addTo(cmd.getCommandSpec(), ConfigOptions::dataOrRuntime);
    }

    Model loadModel() throws IOException {
        return ModelFormat.read(model);
    }

    /** The model's training settings overridden by the options given. */
    Config config(Model m) {
        return Keys.parse(Keys.asSettings(m.config(), "model config")
                .overriddenBy(ConfigOptions.given(spec.commandLine().getParseResult())));
    }
}
