package io.ember.cli;

import io.ember.spark.SparkSetup;
import io.ember.train.ConfigException;
import io.ember.train.Settings;
import io.ember.train.TrainConfig;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember train [--config FILE] [--KEY VALUE]...",
        description = "Train a network on Spark. Settings come from --config FILE (key = value lines); every key below "
                + "can also be given, or overridden, on the command line as --KEY VALUE.")
final class TrainCommand implements Callable<Integer>, Main.OutputAware {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file of key = value lines")
    Path config;

    private PrintStream out = System.out;

    static void addConfigOptions(CommandLine cmd) {
        ConfigOptions.addTo(cmd.getCommandSpec(), k -> true);
    }

    @Override
    public void setOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = (config != null ? Settings.load(config) : Settings.empty())
                .overriddenBy(ConfigOptions.given(spec.commandLine().getParseResult()));
        TrainConfig c = TrainConfig.parse(settings);
        if (c.data.isEmpty()) {
            throw new ConfigException("no training data: set data = FILE in the config file or give --data FILE");
        }
        SparkSession spark = SparkSetup.session(c.master, "ember train");
        try {
            return new TrainRun(spark, c, out).run();
        } finally {
            spark.stop();
        }
    }
}
