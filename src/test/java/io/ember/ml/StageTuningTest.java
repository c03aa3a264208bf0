package io.ember.ml;

import io.ember.spark.SparkTests;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spark's tuning over Ember's Params, and what repeated fits leave behind. */
class StageTuningTest {
    @Test
    void crossValidatorPicksTheBestOfAGridOverLrAndTheNetworkInParallel() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 240, 11);
        EmberClassifier clf = new EmberClassifier().setEpochs(3).setBatchSize(32);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(clf.lr(), new double[] {1e-5, 0.03})
                .addGrid(clf.layers(), JavaConverters.asScalaBuffer(List.of("4:relu", "16:relu")))
                .build();
        CrossValidatorModel cv = new CrossValidator().setEstimator(clf).setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
                .setNumFolds(2).setParallelism(2).setSeed(3).fit(data);
        double[] metrics = cv.avgMetrics();
        assertEquals(4, metrics.length);
        EmberClassificationModel best = (EmberClassificationModel) cv.bestModel();
        assertEquals(0.03, best.getLr(), "a learning rate of 1e-5 learns nothing in 3 epochs: " + List.of(metrics));
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(best.transform(data));
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void trainValidationSplitTunesTheRegressor() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.line(spark, 300, 12);
        EmberRegressor reg = new EmberRegressor().setLayers("8:tanh").setEpochs(10).setBatchSize(32);
        ParamMap[] grid = new ParamGridBuilder().addGrid(reg.lr(), new double[] {1e-6, 0.02}).build();
        TrainValidationSplitModel tvs = new TrainValidationSplit().setEstimator(reg).setEstimatorParamMaps(grid)
                .setEvaluator(new RegressionEvaluator().setMetricName("rmse")).setTrainRatio(0.75).setParallelism(2)
                .setSeed(5).fit(data);
        assertEquals(0.02, ((EmberRegressionModel) tvs.bestModel()).getLr(), List.of(tvs.validationMetrics()).toString());
    }

    @Test
    void tenFitsReleaseWhatTheyCachedAndBroadcast() throws InterruptedException {
        SparkSession spark = SparkTests.forPipelines();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> data = MlData.blobs(spark, 120, 13).cache();
        data.count();
        EmberClassifier clf = new EmberClassifier().setLayers("8:relu").setEpochs(2).setBatchSize(32);
        clf.fit(data);
        settle(spark, sc, Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
        int rdds = sc.getPersistentRDDs().size();
        long storage = storageUsed(spark);
        int broadcasts = broadcastBlocks();
        for (int i = 0; i < 10; i++) {
            clf.fit(data);
        }
        settle(spark, sc, rdds, storage, broadcasts);
        String held = List.of(spark.sparkContext().getRDDStorageInfo()).toString();
        assertEquals(rdds, sc.getPersistentRDDs().size(), "cached RDDs: " + held);
        assertTrue(storageUsed(spark) <= storage, "storage memory " + storage + " -> " + storageUsed(spark) + ": "
                + held);
        assertTrue(broadcastBlocks() <= broadcasts, "broadcast blocks " + broadcasts + " -> " + broadcastBlocks());
        data.unpersist(true);
    }

    /**
     * Waits (up to 20 s) for the counts to come down to the given ones: unpersisting is asynchronous,
     * and the broadcasts Spark SQL makes while reading a DataFrame are removed by Spark's
     * ContextCleaner once garbage collection finds them unreferenced.
     */
    private static void settle(SparkSession spark, JavaSparkContext sc, int rdds, long storage, int broadcasts)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        do {
            System.gc();
            Thread.sleep(300);
        } while (System.nanoTime() < deadline && (storageUsed(spark) > storage || broadcastBlocks() > broadcasts
                || sc.getPersistentRDDs().size() > rdds));
    }

    private static long storageUsed(SparkSession spark) {
        long used = 0;
        for (var e : JavaConverters.mapAsJavaMap(spark.sparkContext().getExecutorMemoryStatus()).values()) {
            used += (Long) e._1() - (Long) e._2();
        }
        return used;
    }

    private static int broadcastBlocks() {
        return SparkEnv.get().blockManager().getMatchingBlockIds(BlockId::isBroadcast).size();
    }
}
