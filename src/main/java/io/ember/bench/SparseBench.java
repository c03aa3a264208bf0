package io.ember.bench;

import io.ember.cli.Main;
import io.ember.spark.SparkSetup;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * scripts/bench-sparse: Ember on a sparse LIBSVM train/test pair through the command line (its
 * printed figures: rows, features, non-zeros per row, cache against CSR arrays, the dense size, time
 * per epoch, test accuracy), the bytes its step tasks return (Spark's task metrics), then Spark
 * MLlib's LogisticRegression (sparse-aware) on the same files, in the same JVM and master.
 * usage: SparseBench TRAIN TEST FEATURES MASTER LR_ITERATIONS [ember train options...]
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
        List<String> cli = new ArrayList<>(List.of("train", "--data", train, "--test", test, "--num-features",
                String.valueOf(features), "--master", master));
        for (int i = 5; i < args.length; i++) {
            cli.add(args[i]);
        }
        System.out.println("== Ember: ember " + String.join(" ", cli));
        long start = System.nanoTime();
        int exit = Main.run(System.out, System.err, cli.toArray(new String[0]));
        double emberSeconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            System.exit(exit);
        }
        long steps = StepBytes.STEPS.get();
        System.out.printf(Locale.ROOT, "ember: %.1f s in all; %d steps; step tasks returned %,d bytes in all, %,.0f "
                        + "bytes per step (%d tasks)%n", emberSeconds, steps, StepBytes.RESULT_BYTES.get(),
                StepBytes.RESULT_BYTES.get() / (double) Math.max(1, steps), StepBytes.TASKS.get());

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
