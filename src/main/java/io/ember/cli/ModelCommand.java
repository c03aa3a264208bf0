package io.ember.cli;

import io.ember.EmberModel;
import io.ember.train.TrainConfig;
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

    EmberModel loadModel() throws IOException {
        return EmberModel.load(model);
    }

    /** The model's training settings overridden by the options given. */
    TrainConfig config(EmberModel m) {
        return TrainConfig.parse(m.configAsSettings().overriddenBy(ConfigOptions.given(spec.commandLine().getParseResult())));
    }
}
