package io.ember.cli;

import io.ember.io.CheckpointStore;
import io.ember.io.RunFolder;
import io.ember.spark.SparkSetup;
import io.ember.train.ConfigException;
import io.ember.train.ConfigKey;
import io.ember.train.Settings;
import io.ember.train.TrainConfig;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember train [--config FILE] [--resume] [--KEY VALUE]...",
        description = "Train a network on Spark. Settings come from --config FILE (key = value lines); every key "
                + "below can also be given, or overridden, on the command line as --KEY VALUE.")
final class TrainCommand extends PrintingCommand implements Callable<Integer> {
    /** What --resume lets a user change: how long to go on, where to run, how to checkpoint. */
    static final Set<ConfigKey> CHANGEABLE_ON_RESUME = Set.of(ConfigKey.EPOCHS, ConfigKey.MAX_STEPS, ConfigKey.MASTER,
            ConfigKey.OUTPUT_DIR, ConfigKey.CHECKPOINT_STEPS, ConfigKey.CHECKPOINT_EPOCHS, ConfigKey.KEEP_CHECKPOINTS);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file of key = value lines")
    Path config;

    @Option(names = "--resume", description = "continue the run in --output (default runs/latest) from its newest "
            + "valid checkpoint, with that run's configuration; only epochs, max-steps, master and the checkpoint "
            + "keys may change")
    boolean resume;

    static void addConfigOptions(CommandLine cmd) {
        ConfigOptions.addTo(cmd.getCommandSpec(), k -> true);
    }

    @Override
    public Integer call() throws Exception {
        Settings given = (config != null ? Settings.load(config) : Settings.empty())
                .overriddenBy(ConfigOptions.given(spec.commandLine().getParseResult()));
        CheckpointStore.Checkpoint checkpoint = null;
        TrainConfig c = TrainConfig.parse(given);
        Set<String> givenKeys = new LinkedHashSet<>(given.entries().keySet());
        if (resume) {
            List<String> warnings = new ArrayList<>();
            String dir = new RunFolder(c.outputDir).path(RunFolder.CHECKPOINTS);
            checkpoint = new CheckpointStore(dir).latestValid(warnings);
            warnings.forEach(w -> out.println("warning: " + w));
            if (checkpoint == null) {
                throw new ConfigException("--resume: no usable checkpoint in " + dir);
            }
            c = resumeConfig(checkpoint, given);
            Set<String> before = new RunFolder(c.outputDir).readGivenKeys();
            givenKeys.addAll(before != null ? before : nonDefaultKeys(checkpoint.config()));
        }
        if (c.data.isEmpty()) {
            throw new ConfigException("no training data: set data = FILE in the config file or give --data FILE");
        }
        SparkSession spark = SparkSetup.session(c.master, "ember train");
        try {
            return new TrainRun(spark, c, givenKeys, checkpoint, out).run();
        } finally {
            spark.stop();
        }
    }

    /**
     * The checkpoint's configuration, its recorded layout (partitions, threads, BLAS) pinned so the
     * run continues exactly, with the changeable keys the user gave.
     */
    static TrainConfig resumeConfig(CheckpointStore.Checkpoint cp, Settings given) {
        Settings s = Settings.empty();
        for (Map.Entry<String, String> e : cp.config().entrySet()) {
            if (ConfigKey.byName(e.getKey()) != null) {
                s = s.with(e.getKey(), e.getValue(), "checkpoint " + cp.location());
            }
        }
        for (Map.Entry<String, Settings.Entry> e : given.entries().entrySet()) {
            ConfigKey k = ConfigKey.byName(e.getKey());
            String recorded = cp.config().get(e.getKey());
            if (k != null && !CHANGEABLE_ON_RESUME.contains(k) && !e.getValue().value().trim().equals(recorded)) {
                throw new ConfigException(e.getValue().origin() + ": key '" + e.getKey() + "' cannot change when "
                        + "resuming (the checkpoint has '" + recorded + "'); only " + names() + " can");
            }
            s = s.with(e.getKey(), e.getValue().value(), e.getValue().origin());
        }
        return TrainConfig.parse(s.with("partitions", Integer.toString(cp.partitions()), "checkpoint layout")
                .with("task-threads", Integer.toString(cp.taskThreads()), "checkpoint layout")
                .with("blas", cp.blas().startsWith("ember-vector") ? "ember-vector"
                        : cp.blas().startsWith("netlib-java") ? "netlib-java"
                        : cp.blas().startsWith("netlib-native") ? "netlib-native" : "auto", "checkpoint layout"));
    }

    /** For a run folder that predates the given-keys line: the keys whose value is not the default. */
    private static Set<String> nonDefaultKeys(Map<String, String> config) {
        Set<String> keys = new LinkedHashSet<>();
        config.forEach((k, v) -> {
            ConfigKey key = ConfigKey.byName(k);
            if (key != null && !key.defaultValue().equals(v)) {
                keys.add(k);
            }
        });
        return keys;
    }

    private static String names() {
        List<String> n = new ArrayList<>();
        for (ConfigKey k : CHANGEABLE_ON_RESUME) {
            n.add(k.key());
        }
        n.sort(null);
        return String.join(", ", n);
    }
}
