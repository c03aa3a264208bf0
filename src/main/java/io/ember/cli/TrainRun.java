package io.ember.cli;

import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.data.DataSettings;
import io.ember.data.LabelCheck;
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
import io.ember.spark.SparkJobLabels;
import io.ember.spark.SparkResources;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkTrainer;
import io.ember.train.LoopSettings;
import io.ember.train.TrainingDivergedException;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingPlan;
import io.ember.train.TrainingState;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code ember train} in a claimed run folder: read, check and prepare the data (test data
 * included, so a bad test file is found before training), train with progress, metrics and
 * checkpoints (or continue from the newest checkpoint), save the model, evaluate on the test data
 * and write the report. Nothing in the folder changes until every check has passed.
 */
final class TrainRun {
    private final SparkSession spark;
    private final Config config;
    private final RunFolder run;
    private final CheckpointStore.Checkpoint resumeFrom;
    private final List<DataFingerprint.FileEntry> files;
    private final boolean allowChangedData;
    private final PrintStream out;
    private String runId;
    private Model init;

    /** {@code resumeFrom} and {@code runId} are null for a fresh run. */
    TrainRun(SparkSession spark, Config config, RunFolder run, String runId, CheckpointStore.Checkpoint resumeFrom,
             List<DataFingerprint.FileEntry> files, boolean allowChangedData, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.run = run;
        this.runId = runId;
        this.resumeFrom = resumeFrom;
        this.files = files;
        this.allowChangedData = allowChangedData;
        this.out = out;
    }

    int run() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = SparkResources.partitions(sc, config);
        int threads = SparkResources.taskThreads(sc, config, partitions);
        String configured = SparkSettings.blas(config);
        out.printf(Locale.ROOT, "Ember %s on Spark %s, master %s: %d training partition%s x %d threads, BLAS %s%s%n",
                Version.EMBER, spark.version(), sc.master(), partitions, partitions == 1 ? "" : "s", threads,
                configured.equals(Blas.AUTO) ? "auto (the faster training step, measured below)"
                        : Blas.gemm(configured).name(), config.get(SparkSettings.DETERMINISTIC) ? ", deterministic" : "");

        long t0 = System.nanoTime();
        String trainPath = config.get(DataSettings.DATA);
        String validationPath = config.get(DataSettings.VALIDATION);
        String testPath = config.get(DataSettings.TEST);
        String initPath = config.get(RunSettings.INIT);
        SparkJobLabels.label(sc, "ember: read, check and cache the training data " + trainPath);
        init = initPath.isEmpty() ? null : ModelFormat.read(initPath);
        LabelCheck check = DataReader.labelCheck(config, init == null ? null : init.labels());
        JavaRDD<RawRows> trainRaw = DataReader.read(sc, trainPath, config, sc.defaultParallelism(), check);
        JavaRDD<RawRows> validationRaw = validationPath.isEmpty() ? null
                : DataReader.read(sc, validationPath, config, sc.defaultParallelism(), check);
        PreparedData data = DataPipeline.prepare(sc, config, trainRaw, validationRaw, init);
        ParsedData test = null;
        try {
            if (!testPath.isEmpty()) {
                SparkJobLabels.label(sc, "ember: read and check the test data " + testPath);
                test = DataFiles.parse(sc, config, testPath, data.labels, data.spec.inputSize(), out);
            }
            Interrupts.checkpoint("before training; nothing was written");
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            BackendChoice backend = BackendChoice.resolve(sc, config, data, threads);
            return train(sc, data, test, partitions, threads, backend, loadSeconds);
        } finally {
            data.unpersist();
            if (test != null) {
                test.unpersist();
            }
        }
    }

    private int train(JavaSparkContext sc, PreparedData data, ParsedData test, int partitions, int threads,
                      BackendChoice backend, double loadSeconds) throws Exception {
        String blas = Blas.gemm(backend.backend()).name();
        out.printf(Locale.ROOT, "data: %,d training examples, %d features%s in %d partition%s%s; prepared in %.1f s%n",
                data.trainCount(), data.spec.inputSize(),
                data.labels != null ? ", " + data.labels.classes() + " classes" : "", data.trainRows.length,
                data.trainRows.length == 1 ? "" : "s",
                data.validation != null ? String.format(Locale.ROOT, ", %,d for validation", data.validationRows) : "",
                loadSeconds);
        data.notes.forEach(n -> out.println("note: " + n));
        out.println(backend.line());
        out.printf(Locale.ROOT, "network: %s%n", data.spec);
        double l1 = config.get(Regularization.L1);
        double l2 = config.get(Regularization.L2);
        out.printf(Locale.ROOT, "optimizer: %s%s%n", Optimizers.describe(config),
                l1 + l2 > 0 ? String.format(Locale.ROOT, ", l1 %s, l2 %s", (float) l1, (float) l2) : "");

        DataFingerprint fingerprint = new DataFingerprint(files, data.trainCount(), data.validationRows,
                data.spec.inputSize(), data.labels == null ? null : boxed(data.labels.labels()));
        TrainingState start = null;
        if (resumeFrom != null) {
            if (!resumeFrom.spec().equals(data.spec)) {
                throw new ConfigException("checkpoint " + resumeFrom.location() + " holds the network "
                        + resumeFrom.spec() + " but the data give " + data.spec);
            }
            if (resumeFrom.data() != null) {
                TrainCommand.checkSameData("rows, features or labels", resumeFrom.data().dataDifferences(fingerprint),
                        resumeFrom, allowChangedData);
            }
            start = resumeFrom.toState(Optimizers.create(config, data.spec));
            TrainingPlan plan = TrainingPlan.of(config, data.trainCount(), nonEmpty(data.trainRows));
            if (start.epoch >= plan.epochs() || start.globalStep >= plan.totalSteps) {
                out.printf(Locale.ROOT, "nothing to resume: checkpoint %s is at epoch %d, step %d, and this run "
                                + "ends at epoch %d (epochs = %d, max-steps = %d); raise --epochs or --max-steps to "
                                + "train further. Nothing was changed.%n", resumeFrom.location(), start.epoch,
                        start.globalStep, plan.epochs(), config.get(LoopSettings.EPOCHS),
                        config.get(LoopSettings.MAX_STEPS));
                return 0;
            }
            out.printf(Locale.ROOT, "resuming run %s from %s: epoch %d/%d, step %d/%d of the epoch, %d of %d steps "
                            + "done%s%n", runId, resumeFrom.location(), start.epoch + 1, plan.epochs(),
                    start.stepInEpoch, plan.steps(start.epoch), start.globalStep, plan.totalSteps,
                    resumeFrom.data() == null ? " (this checkpoint recorded no data fingerprint)"
                            : allowChangedData ? "" : "; the data are the same as the checkpoint's");
        } else {
            runId = run.startNewRun();
        }
        run.writeConfig(config.resolved(), "resolved configuration of this run (ember train --config "
                + run.path(RunFolder.CONFIG) + " repeats it)");
        CheckpointListener checkpoints = new CheckpointListener(new CheckpointStore(run.path(RunFolder.CHECKPOINTS),
                runId), config, data.spec, partitions, threads, blas, fingerprint);
        long t1 = System.nanoTime();
        SparkTrainer.Outcome outcome;
        try (MetricsLog metrics = resumeFrom == null ? new MetricsLog(run)
                : new MetricsLog(run, resumeFrom.globalStep(), resumeFrom.epoch())) {
            TrainingListener listeners = TrainingListener.all(new SparkJobLabels(sc, config.get(RunSettings.OUTPUT)),
                    new ConsoleProgress(out, ConsoleProgress.stdoutIsTerminal()), metrics, checkpoints,
                    Interrupts.duringTraining());
            outcome = SparkTrainer.fit(sc, config, data, backend, init != null ? init.params() : null, start,
                    listeners);
        } catch (TrainingDivergedException e) {
            String where = saveLastGood(data, e);
            out.printf(Locale.ROOT, "the parameters before the failing step are saved as %s; the last checkpoint is "
                    + "%s%n", where, checkpoints.last() == null ? "none" : checkpoints.last());
            throw e;
        } finally {
            Interrupts.trainingEnded();
        }
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        if (outcome.result().interrupted()) {
            out.printf(Locale.ROOT, "%s: %s; checkpoint %s. Continue with: scripts/ember train --resume --output %s%n",
                    Interrupts.name(), outcome.result().stopReason(), checkpoints.last(), config.get(RunSettings.OUTPUT));
            return Interrupts.exitCode();
        }
        out.println("stopped: " + outcome.result().stopReason());

        Model model = outcome.model();
        Map<String, Object> facts = new LinkedHashMap<>(model.facts());
        facts.put("run_id", runId);
        facts.put("train_seconds", trainSeconds);
        facts.put("data_seconds", loadSeconds);
        facts.put("task_threads", threads);
        model = model.withFacts(facts);
        ModelFormat.write(model, run.path(RunFolder.MODEL));
        out.printf(Locale.ROOT, "model saved to %s%n", run.path(RunFolder.MODEL));
        double testSeconds = 0;
        if (test != null) {
            long t2 = System.nanoTime();
            SparkJobLabels.label(sc, "ember test evaluation on " + config.get(DataSettings.TEST));
            Evaluation e = DataFiles.evaluate(sc, model, backend.backend(), test);
            testSeconds = (System.nanoTime() - t2) / 1e9;
            out.printf(Locale.ROOT, "test (%,d examples): %s%n", e.count(), e.oneLine());
            facts.put("test", e.summary());
            run.writeJson(RunFolder.EVALUATION, e.summary());
            ModelFormat.write(model.withFacts(facts), run.path(RunFolder.MODEL));
        }
        out.printf(Locale.ROOT, "report: %s%n", RunReport.write(config.get(RunSettings.OUTPUT)));
        out.printf(Locale.ROOT, "time: data %.1f s, training %.1f s%s%n", loadSeconds, trainSeconds,
                test == null ? "" : String.format(Locale.ROOT, ", test %.1f s", testSeconds));
        return 0;
    }

    /**
     * A diverged run keeps its last good parameters without replacing a model the folder already
     * holds (a resumed run's earlier model): {@code model/} when there is none, else
     * {@code last-good-model/}.
     */
    private String saveLastGood(PreparedData data, TrainingDivergedException e) throws java.io.IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("run_id", runId);
        facts.put("stop_reason", e.getMessage());
        Model lastGood = new Model(data.spec, e.lastGoodState().params.clone(), data.labels, data.encoding,
                data.scaler, config.resolved(), facts);
        String where = run.path(run.has(RunFolder.MODEL) ? RunFolder.LAST_GOOD_MODEL : RunFolder.MODEL);
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
