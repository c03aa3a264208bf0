package io.ember;

import io.ember.data.DataBlock;
import io.ember.data.LabelCheck;
import io.ember.data.RawRows;
import io.ember.eval.Evaluation;
import io.ember.spark.DataPipeline;
import io.ember.spark.ParsedData;
import io.ember.spark.PreparedData;
import io.ember.spark.RawSources;
import io.ember.spark.SparkEvaluator;
import io.ember.spark.SparkTrainer;
import io.ember.train.Settings;
import io.ember.train.TrainConfig;
import io.ember.train.TrainingListener;
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

    /** Trains on {@code data}'s {@code features-column} and {@code label-column} (defaults "features", "label"). */
    public static EmberModel train(SparkSession spark, Settings settings, Dataset<Row> data) {
        TrainConfig config = TrainConfig.parse(settings);
        return train(spark, config, RawSources.dataFrame(data, config.labelColumn, config.featuresColumn,
                labelCheck(config)), null);
    }

    /** Trains on an RDD of MLlib labelled points. */
    public static EmberModel train(SparkSession spark, Settings settings, JavaRDD<LabeledPoint> data) {
        TrainConfig config = TrainConfig.parse(settings);
        return train(spark, config, RawSources.labeledPoints(data, labelCheck(config)), null);
    }

    /** Trains on parsed rows, reporting progress to {@code listener} (may be null). */
    static EmberModel train(SparkSession spark, TrainConfig config, JavaRDD<RawRows> rows, TrainingListener listener) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        PreparedData data = DataPipeline.prepare(sc, config, rows, null, null);
        try {
            return SparkTrainer.fit(sc, config, data, null, null, listener).model();
        } finally {
            data.unpersist();
        }
    }

    /**
     * {@code data} with two more columns: {@code prediction} (the class label or the regression
     * value) and, for classifiers, {@code probability} (a vector of class probabilities).
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
            List<Row> out = new ArrayList<>();
            List<Row> chunk = new ArrayList<>();
            while (rows.hasNext() || !chunk.isEmpty()) {
                if (rows.hasNext() && chunk.size() < predictor.capacity()) {
                    chunk.add(rows.next());
                    continue;
                }
                java.util.Arrays.fill(predictor.input(), 0, chunk.size() * d, 0f);
                for (int r = 0; r < chunk.size(); r++) {
                    Vector v = (Vector) chunk.get(r).get(featureIndex);
                    if (v.size() != d) {
                        throw new IllegalArgumentException("a features vector has " + v.size() + " values, the model "
                                + "takes " + d);
                    }
                    int base = r * d;
                    v.foreachActive((i, x) -> {
                        predictor.input()[base + (Integer) i] = (float) (double) (Double) x;
                        return scala.runtime.BoxedUnit.UNIT;
                    });
                }
                float[] outputs = predictor.predict(chunk.size());
                float[] probs = new float[Math.max(2, k)];
                for (int r = 0; r < chunk.size(); r++) {
                    List<Object> values = new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(chunk.get(r).toSeq()));
                    if (model.isClassifier()) {
                        values.add(model.labels().label(model.encoding().decodeClass(outputs, r * k)));
                        model.encoding().classScores(outputs, r * k, probs);
                        double[] p = new double[model.labels().classes()];
                        for (int c = 0; c < p.length; c++) {
                            p[c] = probs[c];
                        }
                        values.add(Vectors.dense(p));
                    } else {
                        values.add((double) outputs[r * k]);
                    }
                    out.add(RowFactory.create(values.toArray()));
                }
                chunk.clear();
            }
            return out.iterator();
        });
        return spark.createDataFrame(scored, schema);
    }

    /** Evaluates {@code model} on a DataFrame with the label and features columns named in {@code settings}. */
    public static Evaluation evaluate(SparkSession spark, EmberModel model, Settings settings, Dataset<Row> data) {
        TrainConfig config = TrainConfig.parse(model.configAsSettings().overriddenBy(settings));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ParsedData parsed = ParsedData.check(RawSources.dataFrame(data, config.labelColumn, config.featuresColumn,
                model.isClassifier() ? LabelCheck.classification(model.labels()) : LabelCheck.regression()),
                config.skipBadRows, "DataFrame");
        JavaRDD<DataBlock> blocks = DataPipeline.pack(parsed, model.spec().inputSize(), model.labels(), model.encoding(),
                model.scaler());
        try {
            return new SparkEvaluator(sc, blocks, model.spec(), model.encoding(), config.blas)
                    .evaluate(model.parameters());
        } finally {
            blocks.unpersist(false);
        }
    }

    private static LabelCheck labelCheck(TrainConfig config) {
        return config.task == TrainConfig.Task.CLASSIFICATION ? LabelCheck.classification(null) : LabelCheck.regression();
    }
}
