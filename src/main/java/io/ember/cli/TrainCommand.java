package io.ember.cli;

import io.ember.io.CheckpointStore;
import io.ember.io.DataFingerprint;
import io.ember.io.RunFolder;
import io.ember.spark.DataReader;
import io.ember.spark.SparkSetup;
import io.ember.train.ConfigException;
import io.ember.train.ConfigKey;
import io.ember.train.Settings;
import io.ember.train.TrainConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember train [--config FILE] [--resume | --overwrite] [--KEY VALUE]...",
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

    @Option(names = "--overwrite", description = "replace the earlier run in --output (its model, checkpoints, "
            + "metrics and report are deleted once this run's checks passed); without it a used run folder is refused")
    boolean overwrite;

    @Option(names = "--allow-changed-data", description = "with --resume: continue even though the training or "
            + "validation data differ from what the checkpoint recorded (files, rows, features or labels)")
    boolean allowChangedData;

    static void addConfigOptions(CommandLine cmd) {
        ConfigOptions.addTo(cmd.getCommandSpec(), k -> true);
    }

    @Override
    public Integer call() throws Exception {
        if (resume && overwrite) {
            throw new ConfigException("--resume continues the run in --output and --overwrite replaces it: give one");
        }
        if (allowChangedData && !resume) {
            throw new ConfigException("--allow-changed-data goes with --resume");
        }
        Settings given = (config != null ? Settings.load(config) : Settings.empty())
                .overriddenBy(ConfigOptions.given(spec.commandLine().getParseResult()));
        TrainConfig c = TrainConfig.parse(given);
        Configuration hadoop = SparkSetup.hadoopConfiguration();
        RunFolder.Mode mode = resume ? RunFolder.Mode.RESUME : overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.FRESH;
        try (RunFolder run = RunFolder.claim(c.outputDir, mode, inputs(c), hadoop)) {
            CheckpointStore.Checkpoint checkpoint = null;
            String runId = null;
            if (resume) {
                runId = run.existingRunId();
                List<String> warnings = new ArrayList<>();
                checkpoint = new CheckpointStore(run.path(RunFolder.CHECKPOINTS), runId).latestValid(warnings);
                warnings.forEach(w -> out.println("warning: " + w));
                if (checkpoint == null) {
                    throw new ConfigException("--resume: no usable checkpoint in " + run.path(RunFolder.CHECKPOINTS));
                }
                c = resumeConfig(checkpoint, given);
            }
            if (c.data.isEmpty()) {
                throw new ConfigException("no training data: set data = FILE in the config file or give --data FILE");
            }
            for (String[] input : List.of(new String[] {"data", c.data}, new String[] {"validation", c.validation},
                    new String[] {"test", c.test}, new String[] {"init", c.init})) {
                if (!input[1].isEmpty()) {
                    DataReader.checkExists(input[0], input[1], input[0].equals("init"), hadoop);
                }
            }
            List<DataFingerprint.FileEntry> files = DataFingerprint.files(List.of(c.data, c.validation), hadoop);
            if (checkpoint != null) {
                checkSameData("files", checkpoint.data() == null ? null : checkpoint.data().fileDifferences(files),
                        checkpoint, allowChangedData);
            }
            SparkSession spark = SparkSetup.session(c.master, "ember train");
            Interrupts.onCancel(() -> spark.sparkContext().cancelAllJobs());
            try {
                return new TrainRun(spark, c, run, runId, checkpoint, files, allowChangedData, out).run();
            } finally {
                Interrupts.onCancel(() -> { });
                spark.stop();
            }
        }
    }

    /** Every input the run reads, which its folder must not overlap. */
    private static List<String> inputs(TrainConfig c) {
        List<String> in = new ArrayList<>();
        for (String s : List.of(c.data, c.validation, c.test, c.init)) {
            if (!s.isEmpty()) {
                in.add(s);
            }
        }
        return in;
    }

    /**
     * Refuses to continue on other data than the checkpoint's unless allowed; {@code differences}
     * null means the checkpoint recorded nothing to compare (version 1).
     */
    static void checkSameData(String what, List<String> differences, CheckpointStore.Checkpoint cp, boolean allowed) {
        if (differences == null || differences.isEmpty()) {
            return;
        }
        String list = String.join("; ", differences);
        if (!allowed) {
            throw new ConfigException("--resume: the data differ from what checkpoint " + cp.location()
                    + " trained on (" + what + "): " + list + ". Resume with the same data, or give "
                    + "--allow-changed-data to continue anyway");
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

    private static String names() {
        List<String> n = new ArrayList<>();
        for (ConfigKey k : CHANGEABLE_ON_RESUME) {
            n.add(k.key());
        }
        n.sort(null);
        return String.join(", ", n);
    }
}
