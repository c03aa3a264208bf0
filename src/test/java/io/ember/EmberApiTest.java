package io.ember;

import io.ember.config.Settings;
import io.ember.eval.ClassificationEvaluation;
import io.ember.eval.Evaluation;
import io.ember.eval.RegressionEvaluation;
import io.ember.spark.SparkTests;
import io.ember.spark.TestFiles;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API as a Spark application uses it: DataFrames in, a model out, predictions as columns. */
class EmberApiTest {
    @TempDir
    Path dir;

    @Test
    void trainOnADataFramePredictAndEvaluate() {
        SparkSession spark = SparkTests.spark();
        Dataset<Row> df = spark.read().format("libsvm").option("numFeatures", "784")
                .load(TestFiles.mnistLibsvm(dir, 2000).toString());
        Dataset<Row>[] parts = df.randomSplit(new double[] {0.8, 0.2}, 3);
        EmberModel model = Ember.train(spark, Settings.of("layers", "64:relu", "epochs", "5", "batch-size", "64",
                "lr", "0.003"), parts[0]);
        assertEquals("784 -> 64:relu -> 10:softmax, cross_entropy, 50890 parameters", TestModels.parts(model).spec().toString());

        Dataset<Row> scored = Ember.predict(spark, model, parts[1], "features");
        assertEquals(List.of("label", "features", "prediction", "probability"), List.of(scored.columns()));
        List<Row> rows = scored.collectAsList();
        long right = rows.stream().filter(r -> r.getDouble(0) == r.getDouble(2)).count();
        assertTrue(right > 0.8 * rows.size(), right + " of " + rows.size());
        Vector p = rows.get(0).getAs("probability");
        double sum = 0;
        for (double v : p.toArray()) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5);

        Evaluation e = Ember.evaluate(spark, model, Settings.empty(), parts[1]);
        assertEquals(rows.size(), e.count());
        assertEquals((double) right / rows.size(), ((ClassificationEvaluation) e).accuracy(), 1e-12);
    }

    @Test
    void regressionOnAnRddOfLabeledPoints() {
        SparkSession spark = SparkTests.spark();
        // y = 3 x0 - 2 x1 + 1 on a grid: a network with an identity output fits it closely
        java.util.List<LabeledPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double x0 = (i % 20) / 10.0 - 1;
            double x1 = (i / 20) / 10.0 - 1;
            points.add(new LabeledPoint(3 * x0 - 2 * x1 + 1, org.apache.spark.ml.linalg.Vectors.dense(x0, x1)));
        }
        var rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(points, 3);
        EmberModel model = Ember.train(spark, Settings.of("task", "regression", "layers", "", "epochs", "200",
                "batch-size", "400", "lr", "0.05"), rdd);
        assertEquals(false, model.isClassifier());
        assertEquals(1 + 3 * 0.5 - 2 * 0.25, model.predictLabel(new float[] {0.5f, 0.25f}), 1e-3);
        Dataset<Row> df = spark.createDataFrame(points, LabeledPoint.class);
        RegressionEvaluation e = (RegressionEvaluation) Ember.evaluate(spark, model, Settings.empty(), df);
        assertTrue(e.r2() > 0.9999, "R^2 " + e.r2());
    }
}
