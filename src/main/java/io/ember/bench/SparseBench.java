package io.ember.bench;

import io.ember.spark.SparkSetup;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;

/**
 * scripts/bench-sparse's rival: Spark MLlib's LogisticRegression (multinomial, sparse-aware) on the
 * same LIBSVM train/test pair Ember was trained on, fit time and test accuracy.
 * usage: SparseBench TRAIN TEST FEATURES MASTER ITERATIONS
 */
public final class SparseBench {
    private SparseBench() {
    }

    public static void main(String[] args) {
        String train = args[0];
        String test = args[1];
        int features = Integer.parseInt(args[2]);
        String master = args[3];
        int lrIterations = Integer.parseInt(args[4]);
        SparkSession spark = SparkSession.builder().config(SparkSetup.withEmberDefaults(new SparkConf(true))
                .setMaster(master).setAppName("bench-sparse MLlib")).getOrCreate();
        Dataset<Row> tr = spark.read().format("libsvm").option("numFeatures", features).load(train).cache();
        Dataset<Row> te = spark.read().format("libsvm").option("numFeatures", features).load(test).cache();
        long rows = tr.count();
        te.count();
        System.out.printf(Locale.ROOT, "== MLlib LogisticRegression (multinomial, maxIter %d, regParam 0) on %,d "
                + "training rows%n", lrIterations, rows);
        long t0 = System.nanoTime();
        LogisticRegressionModel lr = new LogisticRegression().setFamily("multinomial").setMaxIter(lrIterations)
                .setRegParam(0).fit(tr);
        double lrSeconds = (System.nanoTime() - t0) / 1e9;
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(lr.transform(te));
        System.out.printf(Locale.ROOT, "mllib: fit %.1f s (%d iterations, %.2f s each), test accuracy %.2f%%%n",
                lrSeconds, lr.summary().totalIterations(), lrSeconds / Math.max(1, lr.summary().totalIterations()),
                100 * accuracy);
        spark.stop();
    }
}
