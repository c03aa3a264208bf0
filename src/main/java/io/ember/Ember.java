package io.ember;

import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.config.Setting;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.DataSettings;
import io.ember.data.LabelCheck;
import io.ember.data.RawRows;
import io.ember.eval.Evaluation;
import io.ember.io.RunFolder;
import io.ember.io.RunSettings;
import io.ember.spark.DataPipeline;
import io.ember.spark.ParsedData;
import io.ember.spark.RawSources;
import io.ember.spark.SparkEvaluator;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkSetup;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Java API for Spark applications: train on a DataFrame (an MLlib vector column and a
 * numeric label column) or an RDD of labelled points, score a DataFrame, evaluate. Settings
 * take the same keys as the command line and config files; with {@code output} set, a run writes
 * the same run folder as {@code ember train} (configuration, metrics, checkpoints, model, report).
 * Keys that only apply to files read by {@code ember train} are refused, never silently ignored.
 */
public final class Ember {
    /** Keys about files and where to run, which a run on a given DataFrame or RDD cannot use. */
    private static final List<Setting<?>> FILE_KEYS = List.of(DataSettings.DATA, DataSettings.FORMAT,
            DataSettings.VALIDATION, DataSettings.TEST, DataSettings.NUM_FEATURES, DataSettings.CSV_HEADER,
            SparkSettings.MASTER);
    /** Keys naming DataFrame columns, which an RDD of labelled points does not have. */
    private static final List<Setting<?>> COLUMN_KEYS = List.of(DataSettings.LABEL_COLUMN,
            DataSettings.FEATURES_COLUMN, DataSettings.WEIGHT_COLUMN, DataSettings.VALIDATION_INDICATOR_COLUMN);
    /** Keys that need a run folder (output). */
    private static final List<Setting<?>> FOLDER_KEYS = List.of(RunSettings.CHECKPOINT_STEPS,
            RunSettings.CHECKPOINT_EPOCHS, RunSettings.KEEP_CHECKPOINTS);

    private Ember() {
    }

    /**
     * Trains a network on a DataFrame.
     *
     * @param spark    the session to run on
     * @param settings any {@code ember train} keys that apply to a DataFrame; {@code features-column} (an
     *                 MLlib vector column, default "features"), {@code label-column} (numeric, default
     *                 "label"), {@code weight-column} and {@code validation-indicator-column} name the columns;
     *                 with {@code output}, the run writes that run folder (a new one)
     * @param data     the training data
     * @return the trained model, with its {@link EmberModel#summary()}
     * @throws ConfigException for a bad setting or one that does not apply, naming key and value
     * @throws io.ember.data.DataException    for bad rows, naming the row (unless skip-bad-rows)
     */
    public static EmberModel train(SparkSession spark, Settings settings, Dataset<Row> data) {
        return train(spark, settings, data, new TrainingProgress() { });
    }

    /**
     * Trains a network on a DataFrame, reporting progress.
     *
     * @param spark    the session to run on
     * @param settings as for {@link #train(SparkSession, Settings, Dataset)}
     * @param data     the training data
     * @param progress called after every step and epoch, on the driver
     * @return the trained model, with its {@link EmberModel#summary()}
     */
    public static EmberModel train(SparkSession spark, Settings settings, Dataset<Row> data,
                                   TrainingProgress progress) {
        Config config = Keys.parse(settings);
        refuse(config, FILE_KEYS, "applies to files read by ember train; Ember.train reads the DataFrame it is "
                + "given, on the session it is given");
        return train(spark, config, check -> RawSources.dataFrame(data, config.get(DataSettings.LABEL_COLUMN),
                config.get(DataSettings.FEATURES_COLUMN), config.get(DataSettings.WEIGHT_COLUMN),
                config.get(DataSettings.VALIDATION_INDICATOR_COLUMN), check), progress);
    }

    /**
     * Trains a network on an RDD of MLlib labelled points.
     *
     * @param spark    the session to run on
     * @param settings any {@code ember train} keys that apply (not the file or column keys)
     * @param data     the training data
     * @return the trained model, with its {@link EmberModel#summary()}
     */
    public static EmberModel train(SparkSession spark, Settings settings, JavaRDD<LabeledPoint> data) {
        Config config = Keys.parse(settings);
        refuse(config, FILE_KEYS, "applies to files read by ember train; Ember.train reads the RDD it is given");
        refuse(config, COLUMN_KEYS, "names a DataFrame column; labelled points have a label and features only");
        return train(spark, config, check -> RawSources.labeledPoints(data, check), new TrainingProgress() { });
    }

    /** Refuses {@code keys} when given, saying why they do not apply. */
    private static void refuse(Config config, List<Setting<?>> keys, String why) {
        for (Setting<?> k : keys) {
            if (config.isGiven(k)) {
                throw config.fail(k, "does not apply here: it " + why);
            }
        }
    }

    /**
     * The run behind both train methods: in the run folder {@code output} when it is given (claimed
     * as a new run), else without files.
     */
    static EmberModel train(SparkSession spark, Config config, Function<LabelCheck, JavaRDD<RawRows>> rows,
                            TrainingProgress progress) {
        boolean withFolder = config.isGiven(RunSettings.OUTPUT);
        if (!withFolder) {
            refuse(config, FOLDER_KEYS, "needs a run folder to write checkpoints in: set output too");
        }
        String output = config.get(RunSettings.OUTPUT);
        String init = config.get(RunSettings.INIT);
        try (RunFolder folder = withFolder ? RunFolder.claim(output, RunFolder.Mode.FRESH,
                init.isEmpty() ? List.of() : List.of(init), SparkSetup.hadoopConfiguration()) : null) {
            TrainingRun run = TrainingRun.onRows(spark, config, rows).listenedBy(new Summaries(progress));
            if (folder != null) {
                run.inFolder(folder);
            }
            long start = System.nanoTime();
            TrainingRun.Result result = run.run();
            return new EmberModel(result.model(), Summaries.of(result.result(), (System.nanoTime() - start) / 1e9,
                    withFolder ? output : null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Scores a DataFrame on Spark, streaming each partition through one predictor a chunk at a time.
     *
     * @param spark          the session
     * @param model          the model (its feature scaling is applied)
     * @param data           rows with a vector column of the model's input width
     * @param featuresColumn the name of that column
     * @return {@code data} with two more columns: {@code prediction} (the class label or the regression
     *         value) and, for classifiers, {@code probability} (a vector of class probabilities)
     */
    public static Dataset<Row> predict(SparkSession spark, EmberModel model, Dataset<Row> data, String featuresColumn) {
        int featureIndex = data.schema().fieldIndex(featuresColumn);
        StructType schema = data.schema().add("prediction", DataTypes.DoubleType, false);
        if (model.isClassifier()) {
            schema = schema.add("probability", SQLDataTypes.VectorType(), false);
        }
        io.ember.model.Model parts = model.model();
        JavaRDD<Row> scored = data.javaRDD().mapPartitions(rows -> {
            BatchPredictor predictor = model.newPredictor();
            int d = parts.spec().inputSize();
            int classes = parts.isClassifier() ? parts.labels().classes() : 0;
            float[] probs = new float[Math.max(2, parts.spec().outputSize())];
            return predictor.stream(rows, (row, input, offset) -> {
                Vector v = (Vector) row.get(featureIndex);
                if (v.size() != d) {
                    throw new IllegalArgumentException("a features vector has " + v.size() + " values, the model "
                            + "takes " + d);
                }
                v.foreachActive((i, x) -> {
                    input[offset + (Integer) i] = (float) (double) (Double) x;
                    return scala.runtime.BoxedUnit.UNIT;
                });
            }, (row, outputs, offset) -> {
                List<Object> values = new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(row.toSeq()));
                if (classes > 0) {
                    values.add(parts.labels().label(parts.encoding().decodeClass(outputs, offset)));
                    parts.encoding().classScores(outputs, offset, probs);
                    double[] p = new double[classes];
                    for (int c = 0; c < p.length; c++) {
                        p[c] = probs[c];
                    }
                    values.add(Vectors.dense(p));
                } else {
                    values.add((double) outputs[offset]);
                }
                return RowFactory.create(values.toArray());
            });
        });
        return spark.createDataFrame(scored, schema);
    }

    /**
     * Evaluates a model on a labelled DataFrame on Spark.
     *
     * @param spark    the session
     * @param model    the model
     * @param settings column names ({@code features-column}, {@code label-column}) and other data keys; the
     *                 model's own training settings are the defaults
     * @param data     labelled rows
     * @return the figures; {@link Evaluation#classification()} or {@link Evaluation#regression()} gives the
     *         typed view
     */
    public static Evaluation evaluate(SparkSession spark, EmberModel model, Settings settings, Dataset<Row> data) {
        Config config = Keys.parse(model.configAsSettings().overriddenBy(settings));
        io.ember.model.Model parts = model.model();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ParsedData parsed = ParsedData.check(RawSources.dataFrame(data, config.get(DataSettings.LABEL_COLUMN),
                config.get(DataSettings.FEATURES_COLUMN), parts.isClassifier()
                        ? LabelCheck.classification(parts.labels()) : LabelCheck.regression()),
                config.get(DataSettings.SKIP_BAD_ROWS), "DataFrame");
        JavaRDD<DataBlock> blocks = DataPipeline.pack(parsed, parts.spec().inputSize(), parts.labels(),
                parts.encoding(), parts.scaler());
        try {
            return new SparkEvaluator(sc, blocks, parts.spec(), parts.encoding(), SparkSettings.blas(config))
                    .evaluate(parts.params());
        } finally {
            blocks.unpersist(false);
        }
    }
}
