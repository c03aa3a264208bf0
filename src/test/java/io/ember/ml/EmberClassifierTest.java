package io.ember.ml;

import io.ember.EpochSummary;
import io.ember.TrainingProgress;
import io.ember.TrainingSummary;
import io.ember.config.ConfigException;
import io.ember.spark.SparkTests;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EmberClassifier and EmberRegressor as Spark ML users call them, on local[2]. */
class EmberClassifierTest {
    @TempDir
    Path dir;

    static EmberClassifier small() {
        return new EmberClassifier().setLayers("8:relu").setEpochs(4).setBatchSize(32).setLr(0.02)
                .setDeterministic(true);
    }

    @Test
    void fitsAndTransformsWithSparksStandardColumns() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 300, 1);
        List<EpochSummary> seen = new ArrayList<>();
        EmberClassificationModel model = small().setTrainingProgress(new TrainingProgress() {
            @Override
            public void onEpoch(EpochSummary epoch) {
                seen.add(epoch);
            }
        }).fit(data);
        assertEquals(3, model.numClasses());
        assertEquals(4, model.numFeatures());

        Dataset<Row> scored = model.transform(data);
        assertEquals(List.of("label", "features", "weight", "isVal", "rawPrediction", "probability", "prediction"),
                List.of(scored.columns()));
        List<Row> rows = scored.collectAsList();
        long right = rows.stream().filter(r -> r.getDouble(0) == r.<Double>getAs("prediction")).count();
        assertTrue(right > 0.9 * rows.size(), right + " of " + rows.size());
        for (Row r : rows.subList(0, 20)) {
            Vector p = r.getAs("probability");
            assertEquals(1.0, p.toArray()[0] + p.toArray()[1] + p.toArray()[2], 1e-5);
            assertEquals(p.argmax(), r.<Double>getAs("prediction"), 0.0);
            // the one-row path Spark's predict takes agrees with the streaming transform
            assertEquals(model.predict((Vector) r.getAs("features")), r.<Double>getAs("prediction"), 0.0);
        }

        TrainingSummary summary = model.summary();
        assertEquals(4, summary.epochs().size());
        assertEquals(summary.epochs(), seen);
        assertTrue(summary.runFolder().isEmpty());
        assertTrue(summary.epochs().get(3).trainLoss() < summary.epochs().get(0).trainLoss(), summary.toString());
    }

    @Test
    void thresholdsAndEmptyOutputColumnsBehaveAsInSpark() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 150, 2);
        EmberClassificationModel model = small().setEpochs(2).fit(data);
        // a threshold of 0 on class 2 makes it the prediction of every row with a positive probability of it
        model.setThresholds(new double[] {1, 1, 0}).setRawPredictionCol("").setProbabilityCol("");
        Dataset<Row> scored = model.transform(data);
        assertEquals(List.of("label", "features", "weight", "isVal", "prediction"), List.of(scored.columns()));
        assertEquals(150, scored.filter(col("prediction").equalTo(2.0)).count());
    }

    @Test
    void validationIndicatorAndWeightColumnsAreUsed() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 150, 3);
        EmberClassificationModel model = small().setEpochs(2).setValidationIndicatorCol("isVal").setWeightCol("weight")
                .fit(data);
        EpochSummary last = model.summary().epochs().get(1);
        assertTrue(last.validation().containsKey("accuracy"), last.toString());
        assertEquals(120, last.examples(), "the 30 marked rows are held out");
    }

    @Test
    void aWeightOfTwoEqualsTheRowTwice() {
        // one full batch per epoch without shuffling: the weighted mean over the batch equals the mean over
        // the rows repeated as often as their weight
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> weighted = MlData.blobs(spark, 60, 4);
        Dataset<Row> replicated = weighted.union(weighted.filter(col("weight").equalTo(2.0)))
                .withColumn("weight", org.apache.spark.sql.functions.lit(1.0));
        EmberClassifier clf = small().setEpochs(3).setBatchSize(1000).setShuffle(false);
        float[] a = clf.copy(new org.apache.spark.ml.param.ParamMap()).setWeightCol("weight").fit(weighted)
                .emberModel().parameters();
        float[] b = clf.fit(replicated).emberModel().parameters();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5 + 1e-4 * Math.abs(a[i]), "parameter " + i);
        }
        float[] unweighted = clf.fit(weighted).emberModel().parameters();
        assertFalse(java.util.Arrays.equals(a, unweighted), "weights changed nothing");
    }

    @Test
    void fitGivesBitwiseTheParametersOfEmberTrainWithTheSameSettings() throws Exception {
        SparkSession spark = SparkTests.forPipelines();
        Path file = dir.resolve("blobs.libsvm");
        StringBuilder sb = new StringBuilder();
        for (Row r : MlData.blobs(spark, 200, 5).collectAsList()) {
            double[] x = ((Vector) r.getAs("features")).toArray();
            sb.append((int) r.getDouble(0));
            for (int j = 0; j < x.length; j++) {
                sb.append(' ').append(j + 1).append(':').append(x[j]);
            }
            sb.append('\n');
        }
        Files.writeString(file, sb.toString());
        Path run = dir.resolve("run");
        int exit = io.ember.cli.Main.run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                System.err, "train", "--data", file.toString(), "--layers", "8:relu", "--epochs", "3",
                "--batch-size", "32", "--lr", "0.02", "--deterministic", "true", "--master", "local[2]",
                "--output", run.toString());
        assertEquals(0, exit);
        float[] cli = io.ember.EmberModel.load(run.resolve("model").toString()).parameters();

        spark = SparkTests.forPipelines();
        Dataset<Row> df = spark.read().format("libsvm").load(file.toString());
        float[] stage = small().setEpochs(3).fit(df).emberModel().parameters();
        assertArrayEquals(cli, stage);
    }

    @Test
    void runFolderParamWritesTheRunFolderAndCheckpointsNeedIt() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 90, 6);
        Path run = dir.resolve("stage-run");
        EmberClassificationModel model = small().setEpochs(2).setRunFolder(run.toString()).fit(data);
        assertEquals(run.toString(), model.summary().runFolder().orElseThrow());
        assertTrue(Files.exists(run.resolve("metrics.jsonl")), "metrics");
        assertTrue(Files.exists(run.resolve("model/model.json")), "model");
        assertTrue(Files.exists(run.resolve("report.html")), "report");

        ConfigException e = assertThrows(ConfigException.class, () -> small().setKeepCheckpoints(2).fit(data));
        assertTrue(e.getMessage().contains("keep-checkpoints") && e.getMessage().contains("output"), e.getMessage());
    }

    @Test
    void schemaAndLabelProblemsAreRefusedClearly() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 60, 7);
        EmberClassificationModel model = small().setEpochs(1).fit(data);

        String missing = assertThrows(IllegalArgumentException.class,
                () -> model.transform(data.drop("features"))).getMessage();
        assertTrue(missing.contains("features"), missing);
        String wrongType = assertThrows(IllegalArgumentException.class,
                () -> small().setFeaturesCol("weight").fit(data)).getMessage();
        assertTrue(wrongType.contains("weight") && wrongType.toLowerCase().contains("vector"), wrongType);

        StructType wide = new StructType().add("features", SQLDataTypes.VectorType());
        Dataset<Row> fiveWide = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4, 5))), wide);
        Exception tooWide = assertThrows(Exception.class, () -> model.transform(fiveWide).collect());
        assertTrue(messages(tooWide).contains("column features: a features vector has 5 values, the model takes 4"),
                messages(tooWide));

        Dataset<Row> half = data.withColumn("label", col("label").plus(0.5));
        Exception notWhole = assertThrows(Exception.class, () -> small().fit(half));
        assertTrue(messages(notWhole).contains("label 0.5"), messages(notWhole));
        Dataset<Row> negative = data.withColumn("label", col("label").minus(1));
        Exception below = assertThrows(Exception.class, () -> small().fit(negative));
        assertTrue(messages(below).contains("label -1"), messages(below));
    }

    @Test
    void settingsThatWouldBreakSparksContractAreRefused() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 60, 9);
        ConfigException identity = assertThrows(ConfigException.class,
                () -> small().setOutputActivation("identity").fit(data));
        assertTrue(identity.getMessage().contains("output-activation") && identity.getMessage().contains("probab"),
                identity.getMessage());
        Exception thresholds = assertThrows(Exception.class,
                () -> small().setEpochs(1).setThresholds(new double[] {0.5, 0.5}).fit(data).transform(data).count());
        assertTrue(messages(thresholds).contains("thresholds has 2 values, the model has 3 classes"),
                messages(thresholds));
        Dataset<Row> huge = data.withColumn("label", org.apache.spark.sql.functions.when(col("label").equalTo(2),
                1e6).otherwise(col("label")));
        Exception many = assertThrows(IllegalArgumentException.class, () -> small().fit(huge));
        assertTrue(many.getMessage().contains("1000001 classes") && many.getMessage().contains("StringIndexer"),
                many.getMessage());
    }

    @Test
    void batchesWhoseRowsAllWeighZeroChangeNothing() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 60, 10).withColumn("weight", org.apache.spark.sql.functions.lit(0.0));
        EmberClassifier clf = small().setWeightCol("weight").setBatchSize(16);
        float[] one = clf.setEpochs(1).fit(data).emberModel().parameters();
        float[] two = clf.setEpochs(2).fit(data).emberModel().parameters();
        assertArrayEquals(one, two, "no step may move the parameters");
    }

    @Test
    void sparseVectorColumnsTrainAsSparseBlocksToTheDenseParameters() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.sparseThirds(spark, 150, 900, 12);
        EmberClassifier clf = small().setEpochs(3);
        EmberClassificationModel sparse = clf.copy(new org.apache.spark.ml.param.ParamMap()).setInputFormat("sparse")
                .fit(data);
        float[] a = sparse.emberModel().parameters();
        float[] b = clf.copy(new org.apache.spark.ml.param.ParamMap()).setInputFormat("dense").fit(data)
                .emberModel().parameters();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-5 + 1e-4 * Math.abs(b[i]), "parameter " + i);
        }
        long right = sparse.transform(data).filter(col("label").equalTo(col("prediction"))).count();
        assertTrue(right > 0.9 * 150, right + " of 150");
        // dense data forced sparse is refused with the setting named
        Exception e = assertThrows(RuntimeException.class, () -> small().setInputFormat("sparse")
                .fit(MlData.blobs(spark, 60, 13)));
        assertTrue(messages(e).contains("input-format") && messages(e).contains("the DataFrame's features column"),
                messages(e));
    }

    @Test
    void badParamValuesAreRefusedWithTheSettingsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small().setLr(-1));
        assertTrue(e.getMessage().contains("lr") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> small().setLayers("8:swish"));
        assertTrue(e.getMessage().contains("layers") && e.getMessage().contains("swish"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> small().setOptimizer("adamax"));
        assertTrue(e.getMessage().contains("optimizer") && e.getMessage().contains("adam"), e.getMessage());
    }

    @Test
    void regressorFitsAndTransforms() {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.line(spark, 400, 8);
        EmberRegressionModel model = new EmberRegressor().setLayers("16:tanh").setEpochs(30).setBatchSize(32)
                .setLr(0.01).setDeterministic(true).fit(data);
        assertEquals(2, model.numFeatures());
        List<Row> rows = model.transform(data).select("label", "prediction", "features").collectAsList();
        double se = 0;
        for (Row r : rows) {
            double err = r.getDouble(0) - r.getDouble(1);
            se += err * err;
            assertEquals(model.predict((Vector) r.get(2)), r.getDouble(1), 1e-6);
        }
        double rmse = Math.sqrt(se / rows.size());
        assertTrue(rmse < 0.3, "rmse " + rmse);
        assertEquals(30, model.summary().epochs().size());
    }

    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
