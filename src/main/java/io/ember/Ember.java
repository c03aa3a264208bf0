package io.ember;

import io.ember.config.Config;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.DataSettings;
import io.ember.data.LabelCheck;
import io.ember.data.RawRows;
import io.ember.eval.Evaluation;
import io.ember.eval.Predictor;
import io.ember.spark.DataPipeline;
import io.ember.spark.DataReader;
import io.ember.spark.ParsedData;
import io.ember.spark.PreparedData;
import io.ember.spark.RawSources;
import io.ember.spark.SparkEvaluator;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkTrainer;
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

import java.util.ArrayList;
import java.util.List;

/**
 * The Java API for Spark applications: train on a DataFrame (an MLlib vector column and a
 * numeric label column) or an RDD of labelled points, score a DataFrame, evaluate. Settings
 * take the same keys as the command line and config files.
 */
public final class Ember {
    private Ember() {
    }

    /**
     * Trains a network on a DataFrame.
     *
     * @param spark    the session to run on
     * @param settings any {@code ember train} keys; {@code features-column} (an MLlib vector column, default
     *                 "features") and {@code label-column} (numeric, default "label") name the columns
     * @param data     the training data
     * @return the trained model
     * @throws io.ember.config.ConfigException for a bad setting, naming key and value
     * @throws io.ember.data.DataException    for bad rows, naming the row (unless skip-bad-rows)
     */
    public static EmberModel train(SparkSession spark, Settings settings, Dataset<Row> data) {
        Config config = Keys.parse(settings);
        return train(spark, config, RawSources.dataFrame(data, config.get(DataSettings.LABEL_COLUMN),
                config.get(DataSettings.FEATURES_COLUMN), DataReader.labelCheck(config, null)));
    }

    /**
     * Trains a network on an RDD of MLlib labelled points.
     *
     * @param spark    the session to run on
     * @param settings any {@code ember train} keys
     * @param data     the training data
     * @return the trained model
     */
    public static EmberModel train(SparkSession spark, Settings settings, JavaRDD<LabeledPoint> data) {
        Config config = Keys.parse(settings);
        return train(spark, config, RawSources.labeledPoints(data, DataReader.labelCheck(config, null)));
    }

    private static EmberModel train(SparkSession spark, Config config, JavaRDD<RawRows> rows) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        PreparedData data = DataPipeline.prepare(sc, config, rows, null, null);
        try {
            return new EmberModel(SparkTrainer.fit(sc, config, data, null, null, null).model());
        } finally {
            data.unpersist();
        }
    }

    /**
     * Scores a DataFrame on Spark.
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
        JavaRDD<Row> scored = data.javaRDD().mapPartitions(rows -> {
            Predictor predictor = model.newPredictor();
            int d = model.spec().inputSize();
            int k = model.spec().outputSize();
            float[] probs = new float[Math.max(2, k)];
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
                if (model.isClassifier()) {
                    values.add(model.labels().label(model.encoding().decodeClass(outputs, offset)));
                    model.encoding().classScores(outputs, offset, probs);
                    double[] p = new double[model.labels().classes()];
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
     * @return the figures: a {@link io.ember.eval.ClassificationEvaluation} or
     *         {@link io.ember.eval.RegressionEvaluation}
     */
    public static Evaluation evaluate(SparkSession spark, EmberModel model, Settings settings, Dataset<Row> data) {
        Config config = Keys.parse(model.configAsSettings().overriddenBy(settings));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ParsedData parsed = ParsedData.check(RawSources.dataFrame(data, config.get(DataSettings.LABEL_COLUMN),
                config.get(DataSettings.FEATURES_COLUMN), model.isClassifier()
                        ? LabelCheck.classification(model.labels()) : LabelCheck.regression()),
                config.get(DataSettings.SKIP_BAD_ROWS), "DataFrame");
        JavaRDD<DataBlock> blocks = DataPipeline.pack(parsed, model.spec().inputSize(), model.labels(), model.encoding(),
                model.scaler());
        try {
            return new SparkEvaluator(sc, blocks, model.spec(), model.encoding(), SparkSettings.blas(config))
                    .evaluate(model.parameters());
        } finally {
            blocks.unpersist(false);
        }
    }
}
