package io.ember;

import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.config.Setting;
import io.ember.data.DataSettings;
import io.ember.data.LabelCheck;
import io.ember.data.LabelMapping;
import io.ember.data.RawRows;
import io.ember.eval.Evaluation;
import io.ember.io.CheckpointListener;
import io.ember.io.CheckpointStore;
import io.ember.io.DataFingerprint;
import io.ember.io.MetricsLog;
import io.ember.io.ModelFormat;
import io.ember.io.RunFolder;
import io.ember.io.RunSettings;
import io.ember.io.Version;
import io.ember.linalg.Blas;
import io.ember.model.Model;
import io.ember.optim.Optimizers;
import io.ember.optim.Regularization;
import io.ember.report.RunReport;
import io.ember.spark.BackendChoice;
import io.ember.spark.DataPipeline;
import io.ember.spark.DataReader;
import io.ember.spark.ParsedData;
import io.ember.spark.PreparedData;
import io.ember.spark.ScoringData;
import io.ember.spark.SparkJobLabels;
import io.ember.spark.SparkResources;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkSetup;
import io.ember.spark.SparkTrainer;
import io.ember.train.LoopSettings;
import io.ember.train.TrainResult;
import io.ember.train.TrainingDivergedException;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingPlan;
import io.ember.train.TrainingState;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One training run, the same for {@code ember train}, the Java API and the Spark ML estimators:
 * read, check and prepare the data (test data included, so a bad test file is found before
 * training), train (or continue from a checkpoint), and, when the run has a folder, write its
 * configuration, metrics, checkpoints, model, test evaluation and report there. Nothing in a
 * folder changes until every check has passed. Ember's own packages build it; applications use
 * {@link Ember} or the {@code io.ember.ml} estimators.
 */
public final class TrainingRun {
    /** What a run ended with. */
    public record Result(Model model, TrainResult result, boolean interrupted, String checkpoint) {
        /** True when a resumed run found nothing left to train (and changed nothing). */
        public boolean nothingToDo() {
            return model == null && !interrupted;
        }
    }

    private final SparkSession spark;
    private final Config config;
    private final Function<LabelCheck, JavaRDD<RawRows>> trainRows;
    private final Function<LabelCheck, JavaRDD<RawRows>> validationRows;
    private final List<DataFingerprint.FileEntry> files;
    private RunFolder folder;
    private String runId;
    private CheckpointStore.Checkpoint resumeFrom;
    private boolean allowChangedData;
    private PrintStream out;
    private Runnable beforeTraining = () -> { };
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Model init;
    private LabelMapping classes;
    private final List<String> notes = new ArrayList<>();
    private Set<String> givenKeys;

    private TrainingRun(SparkSession spark, Config config, Function<LabelCheck, JavaRDD<RawRows>> trainRows,
                        Function<LabelCheck, JavaRDD<RawRows>> validationRows, List<DataFingerprint.FileEntry> files) {
        this.spark = spark;
        this.config = config;
        this.trainRows = trainRows;
        this.validationRows = validationRows;
        this.files = files;
    }

    /**
     * A run on the data files its configuration names (data, validation, test).
     *
     * @param spark  the session
     * @param config the run's configuration
     * @param files  the input files' fingerprint (recorded in checkpoints)
     * @return the run, to configure further and {@link #run()}
     */
    public static TrainingRun onFiles(SparkSession spark, Config config, List<DataFingerprint.FileEntry> files) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String validation = config.get(DataSettings.VALIDATION);
        return new TrainingRun(spark, config,
                check -> DataReader.readTraining(sc, config.get(DataSettings.DATA), config, check),
                validation.isEmpty() ? null
                        : check -> DataReader.read(sc, validation, config, sc.defaultParallelism(), check), files);
    }

    /**
     * A run on rows already read (a DataFrame, an RDD of labelled points).
     *
     * @param spark  the session
     * @param config the run's configuration
     * @param rows   the training rows, given the label check to apply
     * @return the run, to configure further and {@link #run()}
     */
    public static TrainingRun onRows(SparkSession spark, Config config, Function<LabelCheck, JavaRDD<RawRows>> rows) {
        return new TrainingRun(spark, config, rows, null, List.of());
    }

    /** Keys that need a run folder (output). */
    private static final List<Setting<?>> FOLDER_KEYS = List.of(RunSettings.CHECKPOINT_STEPS,
            RunSettings.CHECKPOINT_EPOCHS, RunSettings.KEEP_CHECKPOINTS);

    /** Refuses {@code keys} when given, saying why they do not apply. */
    public static void refuseGiven(Config config, List<Setting<?>> keys, String why) {
        for (Setting<?> k : keys) {
            if (config.isGiven(k)) {
                throw config.fail(k, "does not apply here: it " + why);
            }
        }
    }

    /**
     * Trains on rows already read, the way the Java API and the Spark ML stages do: in the run
     * folder {@code output} when it is given (claimed as a new run), else without files.
     *
     * @param spark    the session
     * @param config   the run's configuration
     * @param classes  the classes of a classifier when declared (null: those found in the rows)
     * @param rows     the training rows, given the label check to apply
     * @param progress told of every step and epoch
     * @return the model with its training summary
     */
    public static EmberModel fit(SparkSession spark, Config config, LabelMapping classes,
                                 Function<LabelCheck, JavaRDD<RawRows>> rows, TrainingProgress progress) {
        boolean withFolder = config.isGiven(RunSettings.OUTPUT);
        if (!withFolder) {
            refuseGiven(config, FOLDER_KEYS, "needs a run folder to write checkpoints in: set output too");
        }
        String output = config.get(RunSettings.OUTPUT);
        String initPath = config.get(RunSettings.INIT);
        try (RunFolder folder = withFolder ? RunFolder.claim(output, RunFolder.Mode.FRESH,
                initPath.isEmpty() ? List.of() : List.of(initPath), SparkSetup.hadoopConfiguration()) : null) {
            TrainingRun run = onRows(spark, config, rows).withClasses(classes).listenedBy(new Summaries(progress));
            if (folder != null) {
                run.inFolder(folder);
            }
            long start = System.nanoTime();
            Result result = run.run();
            return new EmberModel(result.model(), Summaries.of(result.result(), (System.nanoTime() - start) / 1e9,
                    withFolder ? output : null, run.notes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the run's files into {@code folder} (claimed by the caller), as a new run. */
    public TrainingRun inFolder(RunFolder folder) {
        this.folder = folder;
        return this;
    }

    /** Continues run {@code id} of the claimed folder from {@code checkpoint}. */
    public TrainingRun resuming(RunFolder folder, String id, CheckpointStore.Checkpoint checkpoint, boolean allowChanged) {
        this.folder = folder;
        this.runId = id;
        this.resumeFrom = checkpoint;
        this.allowChangedData = allowChanged;
        return this;
    }

    /** Trains a classifier of the classes {@code declared} (each label must be one), instead of those found in the rows. */
    public TrainingRun withClasses(LabelMapping declared) {
        this.classes = declared;
        return this;
    }

    /** Prints what the run does (data, network, optimizer, where it saved) to {@code stream}. */
    public TrainingRun printingTo(PrintStream stream) {
        this.out = stream;
        return this;
    }

    /** Adds a listener of the training loop (progress, interruption). */
    public TrainingRun listenedBy(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * The keys the user set for this run, recorded in {@code config.conf} and shown as set by the report
     * even at their default value. Without it, the keys the configuration holds as given.
     */
    public TrainingRun givenKeys(Collection<String> keys) {
        this.givenKeys = new LinkedHashSet<>(keys);
        return this;
    }

    /** Runs {@code check} after the data are prepared and before training starts (a signal may stop the run). */
    public TrainingRun beforeTraining(Runnable check) {
        this.beforeTraining = check;
        return this;
    }

    private void say(String format, Object... args) {
        if (out != null) {
            out.printf(Locale.ROOT, format + "%n", args);
        }
    }

    /**
     * Runs it.
     *
     * @return the model (null when a resumed run had nothing left to do), the training result and how it ended
     * @throws IOException when a model or run file cannot be read or written
     */
    public Result run() throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = SparkResources.partitions(sc, config);
        int threads = SparkResources.taskThreads(sc, config, partitions);
        String configured = SparkSettings.blas(config);
        say("Ember %s on Spark %s, master %s: %d training partition%s x %d threads, BLAS %s%s", Version.EMBER,
                spark.version(), sc.master(), partitions, partitions == 1 ? "" : "s", threads,
                configured.equals(Blas.AUTO) ? "auto (the faster training step, measured below)"
                        : Blas.gemm(configured).name(), config.get(SparkSettings.DETERMINISTIC) ? ", deterministic" : "");
        long t0 = System.nanoTime();
        String initPath = config.get(RunSettings.INIT);
        SparkJobLabels.label(sc, "ember: read, check and cache the training data");
        init = initPath.isEmpty() ? null : ModelFormat.read(initPath);
        LabelCheck check = DataReader.labelCheck(config, init != null ? init.labels() : classes);
        PreparedData data = DataPipeline.prepare(sc, config, trainRows.apply(check),
                validationRows == null ? null : validationRows.apply(check), init, classes);
        ParsedData test = null;
        try {
            String testPath = config.get(DataSettings.TEST);
            if (!testPath.isEmpty()) {
                SparkJobLabels.label(sc, "ember: read and check the test data " + testPath);
                test = ScoringData.parse(sc, config, testPath, data.labels, data.spec.inputSize(),
                        n -> say("note: %s", n));
            }
            beforeTraining.run();
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            return train(sc, data, test, partitions, threads, BackendChoice.resolve(sc, config, data, threads),
                    loadSeconds);
        } finally {
            data.unpersist();
            if (test != null) {
                test.unpersist();
            }
        }
    }

    private Result train(JavaSparkContext sc, PreparedData data, ParsedData test, int partitions, int threads,
                         BackendChoice backend, double loadSeconds) throws IOException {
        String blas = Blas.gemm(backend.backend()).name();
        say("data: %,d training examples, %d features%s in %d partition%s%s; prepared in %.1f s", data.trainCount(),
                data.spec.inputSize(), data.labels != null ? ", " + data.labels.classes() + " classes" : "",
                data.trainRows.length, data.trainRows.length == 1 ? "" : "s",
                data.validation != null ? String.format(Locale.ROOT, ", %,d for validation", data.validationRows) : "",
                loadSeconds);
        if (data.sparse) {
            say("input: %s", data.sparseSummary());
        }
        data.notes.forEach(n -> say("note: %s", n));
        notes.addAll(data.notes);
        say("%s", backend.line());
        say("network: %s", data.spec);
        double l1 = config.get(Regularization.L1);
        double l2 = config.get(Regularization.L2);
        say("optimizer: %s%s", Optimizers.describe(config),
                l1 + l2 > 0 ? String.format(Locale.ROOT, ", l1 %s, l2 %s", (float) l1, (float) l2) : "");

        DataFingerprint fingerprint = new DataFingerprint(files, data.trainCount(), data.validationRows,
                data.spec.inputSize(), data.labels == null ? null : boxed(data.labels.labels()));
        TrainingState start = null;
        if (resumeFrom != null) {
            start = resumeState(data, fingerprint);
            if (start == null) {
                return new Result(null, null, false, null);
            }
        } else if (folder != null) {
            runId = folder.startNewRun();
        }
        List<TrainingListener> all = new ArrayList<>();
        all.add(new SparkJobLabels(sc, folder != null ? folder.toString() : "run"));
        all.addAll(listeners);
        CheckpointListener checkpoints = null;
        MetricsLog metrics = null;
        if (folder != null) {
            folder.writeConfig(config.resolved(), givenKeys != null ? givenKeys : config.given().entries().keySet(),
                    "resolved configuration of this run (ember train --config "
                    + folder.path(RunFolder.CONFIG) + " repeats it)");
            checkpoints = new CheckpointListener(new CheckpointStore(folder.path(RunFolder.CHECKPOINTS), runId), config,
                    data.spec, partitions, threads, blas, fingerprint);
            metrics = resumeFrom == null ? new MetricsLog(folder)
                    : new MetricsLog(folder, resumeFrom.globalStep(), resumeFrom.epoch());
            all.add(metrics);
            all.add(checkpoints);
        }
        long t1 = System.nanoTime();
        SparkTrainer.Outcome outcome;
        try (MetricsLog closing = metrics) {
            outcome = SparkTrainer.fit(sc, config, data, backend, init != null ? init.params() : null, start,
                    TrainingListener.all(all.toArray(new TrainingListener[0])));
        } catch (TrainingDivergedException e) {
            if (folder != null) {
                String where = saveLastGood(data, e);
                say("the parameters before the failing step are saved as %s; the last checkpoint is %s", where,
                        checkpoints.last() == null ? "none" : checkpoints.last());
            }
            throw e;
        }
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        String last = checkpoints == null ? null : checkpoints.last();
        if (outcome.result().interrupted()) {
            return new Result(null, outcome.result(), true, last);
        }
        say("stopped: %s", outcome.result().stopReason());

        Map<String, Object> facts = new LinkedHashMap<>(outcome.model().facts());
        if (runId != null) {
            facts.put("run_id", runId);
        }
        facts.put("train_seconds", trainSeconds);
        facts.put("data_seconds", loadSeconds);
        facts.put("task_threads", threads);
        Model model = outcome.model().withFacts(facts);
        if (folder != null) {
            ModelFormat.write(model, folder.path(RunFolder.MODEL));
            say("model saved to %s", folder.path(RunFolder.MODEL));
        }
        double testSeconds = 0;
        if (test != null) {
            long t2 = System.nanoTime();
            SparkJobLabels.label(sc, "ember test evaluation on " + config.get(DataSettings.TEST));
            Evaluation e = ScoringData.evaluate(sc, model, backend.backend(), test);
            testSeconds = (System.nanoTime() - t2) / 1e9;
            say("test (%,d examples): %s", e.count(), e.oneLine());
            facts.put("test", e.summary());
            model = model.withFacts(facts);
            if (folder != null) {
                folder.writeJson(RunFolder.EVALUATION, e.summary());
                ModelFormat.write(model, folder.path(RunFolder.MODEL));
            }
        }
        if (folder != null) {
            say("report: %s", RunReport.write(folder.toString(), Keys.defaults()));
        }
        say("time: data %.1f s, training %.1f s%s", loadSeconds, trainSeconds,
                test == null ? "" : String.format(Locale.ROOT, ", test %.1f s", testSeconds));
        return new Result(model, outcome.result(), false, last);
    }

    /** The state to continue from, after checking the data against the checkpoint; null when nothing is left to do. */
    private TrainingState resumeState(PreparedData data, DataFingerprint fingerprint) {
        if (!resumeFrom.spec().equals(data.spec)) {
            throw new ConfigException("checkpoint " + resumeFrom.location() + " holds the network "
                    + resumeFrom.spec() + " but the data give " + data.spec);
        }
        if (resumeFrom.data() != null) {
            checkSameData("rows, features or labels", resumeFrom.data().dataDifferences(fingerprint), resumeFrom,
                    allowChangedData);
        }
        TrainingState start = resumeFrom.toState(Optimizers.create(config, data.spec));
        TrainingPlan plan = TrainingPlan.of(config, data.trainCount(), nonEmpty(data.trainRows));
        if (start.epoch >= plan.epochs() || start.globalStep >= plan.totalSteps) {
            say("nothing to resume: checkpoint %s is at epoch %d, step %d, and this run ends at epoch %d (epochs = %d, "
                            + "max-steps = %d); raise --epochs or --max-steps to train further. Nothing was changed.",
                    resumeFrom.location(), start.epoch, start.globalStep, plan.epochs(),
                    config.get(LoopSettings.EPOCHS), config.get(LoopSettings.MAX_STEPS));
            return null;
        }
        say("resuming run %s from %s: epoch %d/%d, step %d/%d of the epoch, %d of %d steps done%s", runId,
                resumeFrom.location(), start.epoch + 1, plan.epochs(), start.stepInEpoch, plan.steps(start.epoch),
                start.globalStep, plan.totalSteps, resumeFrom.data() == null
                        ? " (this checkpoint recorded no data fingerprint)"
                        : allowChangedData ? "" : "; the data are the same as the checkpoint's");
        return start;
    }

    /**
     * Refuses to continue on other data than the checkpoint's unless allowed; {@code differences}
     * null means the checkpoint recorded nothing to compare (version 1).
     *
     * @param what        what was compared, for the message
     * @param differences what differs
     * @param cp          the checkpoint
     * @param allowed     whether {@code --allow-changed-data} was given
     */
    public static void checkSameData(String what, List<String> differences, CheckpointStore.Checkpoint cp,
                                     boolean allowed) {
        if (differences == null || differences.isEmpty() || allowed) {
            return;
        }
        throw new ConfigException("--resume: the data differ from what checkpoint " + cp.location()
                + " trained on (" + what + "): " + String.join("; ", differences) + ". Resume with the same data, or "
                + "give --allow-changed-data to continue anyway");
    }

    /**
     * A diverged run keeps its last good parameters without replacing a model the folder already
     * holds (a resumed run's earlier model): {@code model/} when there is none, else
     * {@code last-good-model/}.
     */
    private String saveLastGood(PreparedData data, TrainingDivergedException e) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("run_id", runId);
        facts.put("stop_reason", e.getMessage());
        Model lastGood = new Model(data.spec, e.lastGoodState().params.clone(), data.labels, data.encoding,
                data.scaler, config.resolved(), facts);
        String where = folder.path(folder.has(RunFolder.MODEL) ? RunFolder.LAST_GOOD_MODEL : RunFolder.MODEL);
        ModelFormat.write(lastGood, where);
        return where;
    }

    private static int nonEmpty(long[] rows) {
        int n = 0;
        for (long r : rows) {
            n += r > 0 ? 1 : 0;
        }
        return n;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
