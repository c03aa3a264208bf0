package io.ember;

import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.config.Setting;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.DataSettings;
import io.ember.data.LabelCheck;
import io.ember.eval.Evaluation;
import io.ember.spark.DataPipeline;
import io.ember.spark.ParsedData;
import io.ember.spark.RawSources;
import io.ember.spark.SparkEvaluator;
import io.ember.spark.SparkSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

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
        TrainingRun.refuseGiven(config, FILE_KEYS, "applies to files read by ember train; Ember.train reads the DataFrame it is "
                + "given, on the session it is given");
        return TrainingRun.fit(spark, config, null, check -> RawSources.dataFrame(data, config.get(DataSettings.LABEL_COLUMN),
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
        TrainingRun.refuseGiven(config, FILE_KEYS, "applies to files read by ember train; Ember.train reads the RDD it is given");
        TrainingRun.refuseGiven(config, COLUMN_KEYS, "names a DataFrame column; labelled points have a label and features only");
        return TrainingRun.fit(spark, config, null, check -> RawSources.labeledPoints(data, check), new TrainingProgress() { });
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
        StructType schema = data.schema().add("prediction", DataTypes.DoubleType, false);
        if (model.isClassifier()) {
            schema = schema.add("probability", SQLDataTypes.VectorType(), false);
        }
        double[] labels = model.classLabels();
        return FrameScoring.transform(data, schema, model, featuresColumn, (predictor, outputs, offset, values) -> {
            if (labels.length > 0) {
                values.add(labels[predictor.predictedClass(outputs, offset)]);
                double[] p = new double[labels.length];
                predictor.classProbabilities(outputs, offset, p);
                values.add(Vectors.dense(p));
            } else {
                values.add((double) outputs[offset]);
            }
        });
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
