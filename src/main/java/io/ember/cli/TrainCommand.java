package io.ember.cli;

import io.ember.Keys;
import io.ember.TrainingRun;
import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.config.Setting;
import io.ember.config.Settings;
import io.ember.data.DataSettings;
import io.ember.io.CheckpointStore;
import io.ember.io.DataFingerprint;
import io.ember.io.RunFolder;
import io.ember.io.RunSettings;
import io.ember.linalg.Blas;
import io.ember.spark.DataReader;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkSetup;
import org.apache.hadoop.conf.Configuration;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember train [--config FILE] [--resume | --overwrite] [--KEY VALUE]...",
        description = "Train a network on Spark. Settings come from --config FILE (key = value lines); every key "
                + "below can also be given, or overridden, on the command line as --KEY VALUE.")
final class TrainCommand extends PrintingCommand implements Callable<Integer> {
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
        Config c = Keys.parse(given);
        Configuration hadoop = SparkSetup.hadoopConfiguration();
        RunFolder.Mode mode = resume ? RunFolder.Mode.RESUME : overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.FRESH;
        try (RunFolder run = RunFolder.claim(c.get(RunSettings.OUTPUT), mode, inputs(c), hadoop)) {
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
            Set<String> givenKeys = new LinkedHashSet<>(given.entries().keySet());
            if (resume) {
                Set<String> before = run.readGivenKeys();
                givenKeys.addAll(before != null ? before : nonDefaultKeys(checkpoint.config()));
            }
            if (c.get(DataSettings.DATA).isEmpty()) {
                throw new ConfigException("no training data: set data = FILE in the config file or give --data FILE");
            }
            for (Setting<String> input : List.of(DataSettings.DATA, DataSettings.VALIDATION, DataSettings.TEST,
                    RunSettings.INIT)) {
                if (!c.get(input).isEmpty()) {
                    DataReader.checkExists(input.key(), c.get(input), input == RunSettings.INIT, hadoop);
                }
            }
            List<DataFingerprint.FileEntry> files = DataFingerprint.files(List.of(c.get(DataSettings.DATA),
                    c.get(DataSettings.VALIDATION)), hadoop);
            if (checkpoint != null) {
                TrainingRun.checkSameData("files", checkpoint.data() == null ? null
                        : checkpoint.data().fileDifferences(files), checkpoint, allowChangedData);
            }
            SparkSession spark = SparkSetup.session(c.get(SparkSettings.MASTER), "ember train");
            Interrupts.onCancel(() -> spark.sparkContext().cancelAllJobs());
            try {
                TrainingRun training = TrainingRun.onFiles(spark, c, files).printingTo(out)
                        .listenedBy(new ConsoleProgress(out, ConsoleProgress.stdoutIsTerminal()))
                        .listenedBy(Interrupts.duringTraining())
                        .beforeTraining(() -> Interrupts.checkpoint("before training; nothing was written"))
                        .givenKeys(givenKeys);
                if (checkpoint != null) {
                    training.resuming(run, runId, checkpoint, allowChangedData);
                } else {
                    training.inFolder(run);
                }
                TrainingRun.Result result;
                try {
                    result = training.run();
                } finally {
                    Interrupts.trainingEnded();
                }
                if (result.interrupted()) {
                    out.printf(Locale.ROOT, "%s: %s; checkpoint %s. Continue with: scripts/ember train --resume "
                                    + "--output %s%n", Interrupts.name(), result.result().stopReason(), result.checkpoint(),
                            c.get(RunSettings.OUTPUT));
                    return Interrupts.exitCode();
                }
                return 0;
            } finally {
                Interrupts.onCancel(() -> { });
                spark.stop();
            }
        }
    }

    /** Every input the run reads, which its folder must not overlap. */
    private static List<String> inputs(Config c) {
        List<String> in = new ArrayList<>();
        for (String s : List.of(c.get(DataSettings.DATA), c.get(DataSettings.VALIDATION), c.get(DataSettings.TEST),
                c.get(RunSettings.INIT))) {
            if (!s.isEmpty()) {
                in.add(s);
            }
        }
        return in;
    }

    /**
     * The checkpoint's configuration, its recorded layout (partitions, threads, BLAS) pinned so the
     * run continues exactly, with the changeable keys the user gave.
     */
    static Config resumeConfig(CheckpointStore.Checkpoint cp, Settings given) {
        Settings s = Settings.empty();
        for (Map.Entry<String, String> e : cp.config().entrySet()) {
            if (Keys.ALL.byKey(e.getKey()) != null) {
                s = s.with(e.getKey(), e.getValue(), "checkpoint " + cp.location());
            }
        }
        for (Map.Entry<String, Settings.Entry> e : given.entries().entrySet()) {
            Setting<?> k = Keys.ALL.byKey(e.getKey());
            // a key the checkpoint's version did not have yet ran with its default
            String recorded = cp.config().containsKey(e.getKey()) || k == null ? cp.config().get(e.getKey())
                    : k.defaultText();
            if (k != null && !k.isResumable() && !e.getValue().value().trim().equals(recorded)) {
                throw new ConfigException(e.getValue().origin() + ": key '" + e.getKey() + "' cannot change when "
                        + "resuming (the checkpoint has '" + recorded + "'); only " + resumableKeys() + " can");
            }
            s = s.with(e.getKey(), e.getValue().value(), e.getValue().origin());
        }
        return Keys.parse(s.with(SparkSettings.PARTITIONS.key(), Integer.toString(cp.partitions()), "checkpoint layout")
                .with(SparkSettings.TASK_THREADS.key(), Integer.toString(cp.taskThreads()), "checkpoint layout")
                .with(SparkSettings.BLAS.key(), Blas.backend(cp.blas()), "checkpoint layout"));
    }

    /** For a run folder that predates the given-keys line: the keys whose value is not the default. */
    private static Set<String> nonDefaultKeys(Map<String, String> config) {
        Set<String> keys = new LinkedHashSet<>();
        config.forEach((k, v) -> {
            Setting<?> s = Keys.ALL.byKey(k);
            if (s != null && !s.defaultText().equals(v)) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** The keys --resume may change, from their declarations. */
    private static String resumableKeys() {
        List<String> n = new ArrayList<>();
        for (Setting<?> k : Keys.ALL.settings()) {
            if (k.isResumable()) {
                n.add(k.key());
            }
        }
        n.sort(null);
        return String.join(", ", n);
    }
}
