package io.ember.cli;

import io.ember.EmberModel;
import io.ember.data.LabelCheck;
import io.ember.data.RawRows;
import io.ember.eval.Evaluation;
import io.ember.io.CheckpointListener;
import io.ember.io.CheckpointStore;
import io.ember.io.MetricsLog;
import io.ember.io.RunFolder;
import io.ember.io.Version;
import io.ember.linalg.Blas;
import io.ember.report.RunReport;
import io.ember.spark.DataPipeline;
import io.ember.spark.DataReader;
import io.ember.spark.PreparedData;
import io.ember.spark.SparkJobLabels;
import io.ember.spark.SparkResources;
import io.ember.spark.SparkTrainer;
import io.ember.train.ConfigException;
import io.ember.train.TrainConfig;
import io.ember.train.TrainingDivergedException;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingState;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code ember train}: load and prepare the data on Spark, train with progress, metrics and
 * checkpoints (or continue from the newest checkpoint), evaluate on the test data, save the model
 * and the run folder.
 */
final class TrainRun {
    private final SparkSession spark;
    private final TrainConfig config;
    private final Set<String> givenKeys;
    private final CheckpointStore.Checkpoint resumeFrom;
    private final PrintStream out;

    /**
     * {@code givenKeys}: the keys the user set (recorded in config.conf, shown as set by the report);
     * {@code resumeFrom} is null for a fresh run.
     */
    TrainRun(SparkSession spark, TrainConfig config, Set<String> givenKeys, CheckpointStore.Checkpoint resumeFrom,
             PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.givenKeys = givenKeys;
        this.resumeFrom = resumeFrom;
        this.out = out;
    }

    int run() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = SparkResources.partitions(sc, config);
        int threads = SparkResources.taskThreads(sc, config, partitions);
        String blas = Blas.gemm(config.blas).name();
        out.printf(Locale.ROOT, "Ember %s on Spark %s, master %s: %d training partition%s x %d threads, BLAS %s%s%n",
                Version.EMBER, spark.version(), sc.master(), partitions, partitions == 1 ? "" : "s", threads, blas,
                config.deterministic ? ", deterministic" : "");

        long t0 = System.nanoTime();
        SparkJobLabels.label(sc, "ember: read, check and cache the training data " + config.data);
        EmberModel init = config.init.isEmpty() ? null : EmberModel.load(config.init);
        LabelCheck check = DataReader.labelCheck(config, init == null ? null : init.labels());
        JavaRDD<RawRows> trainRaw = DataReader.read(sc, config.data, config, sc.defaultParallelism(), check);
        JavaRDD<RawRows> validationRaw = config.validation.isEmpty() ? null
                : DataReader.read(sc, config.validation, config, sc.defaultParallelism(), check);
        PreparedData data = DataPipeline.prepare(sc, config, trainRaw, validationRaw, init);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "data: %,d training examples, %d features%s in %d partition%s%s; prepared in %.1f s%n",
                data.trainCount(), data.spec.inputSize(),
                data.labels != null ? ", " + data.labels.classes() + " classes" : "", data.trainRows.length,
                data.trainRows.length == 1 ? "" : "s",
                data.validation != null ? String.format(Locale.ROOT, ", %,d for validation", data.validationRows) : "",
                loadSeconds);
        data.notes.forEach(n -> out.println("note: " + n));
        out.printf(Locale.ROOT, "network: %s%n", data.spec);
        out.printf(Locale.ROOT, "optimizer: %s%s%n", config.newOptimizer(data.spec),
                config.l1 + config.l2 > 0 ? String.format(Locale.ROOT, ", l1 %s, l2 %s", config.l1, config.l2) : "");

        TrainingState start = null;
        if (resumeFrom != null) {
            if (!resumeFrom.spec().equals(data.spec)) {
                throw new ConfigException("checkpoint " + resumeFrom.location() + " holds the network "
                        + resumeFrom.spec() + " but the data give " + data.spec);
            }
            start = TrainingState.restore(resumeFrom, config.newOptimizer(data.spec));
            out.printf(Locale.ROOT, "resuming from %s%n", resumeFrom.location());
        }
        RunFolder run = new RunFolder(config.outputDir);
        run.writeConfig(config.resolved(), givenKeys, "resolved configuration of this run (ember train --config "
                + run.path(RunFolder.CONFIG) + " repeats it)");
        CheckpointListener checkpoints = new CheckpointListener(new CheckpointStore(run.path(RunFolder.CHECKPOINTS)),
                config, data.spec, partitions, threads, blas);
        long t1 = System.nanoTime();
        SparkTrainer.Outcome outcome;
        try (MetricsLog metrics = resumeFrom == null ? new MetricsLog(run)
                : new MetricsLog(run, resumeFrom.globalStep(), resumeFrom.epoch())) {
            TrainingListener listeners = TrainingListener.all(new SparkJobLabels(sc, config.outputDir),
                    new ConsoleProgress(out, ConsoleProgress.stdoutIsTerminal()), metrics, checkpoints);
            outcome = SparkTrainer.fit(sc, config, data, init != null ? init.parameters() : null, start, listeners);
        } catch (TrainingDivergedException e) {
            EmberModel lastGood = new EmberModel(data.spec, e.lastGoodState().params.clone(), data.labels,
                    data.encoding, data.scaler, config.resolved(), Map.of("stop_reason", e.getMessage()));
            lastGood.save(run.path(RunFolder.MODEL));
            out.printf(Locale.ROOT, "the parameters before the failing step are saved as %s; the last checkpoint is "
                    + "%s%n", run.path(RunFolder.MODEL), checkpoints.last() == null ? "none" : checkpoints.last());
            throw e;
        }
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        out.println("stopped: " + outcome.result().stopReason());

        EmberModel model = outcome.model();
        Map<String, Object> facts = new LinkedHashMap<>(model.training());
        facts.put("train_seconds", trainSeconds);
        facts.put("data_seconds", loadSeconds);
        facts.put("task_threads", threads);
        facts.put("blas", blas);
        double testSeconds = 0;
        if (!config.test.isEmpty()) {
            long t2 = System.nanoTime();
            SparkJobLabels.label(sc, "ember test evaluation on " + config.test);
            Evaluation test = DataFiles.evaluate(sc, model, config, config.test, out);
            testSeconds = (System.nanoTime() - t2) / 1e9;
            out.printf(Locale.ROOT, "test (%,d examples): %s%n", test.count(), test.oneLine());
            facts.put("test", test.summary());
            run.writeJson(RunFolder.EVALUATION, test.summary());
        }
        model = model.withTraining(facts);
        model.save(run.path(RunFolder.MODEL));
        data.unpersist();
        out.printf(Locale.ROOT, "model saved to %s%n", run.path(RunFolder.MODEL));
        out.printf(Locale.ROOT, "report: %s%n", RunReport.write(config.outputDir));
        out.printf(Locale.ROOT, "time: data %.1f s, training %.1f s%s%n", loadSeconds, trainSeconds,
                config.test.isEmpty() ? "" : String.format(Locale.ROOT, ", test %.1f s", testSeconds));
        return 0;
    }
}
