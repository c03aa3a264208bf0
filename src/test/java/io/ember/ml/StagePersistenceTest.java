package io.ember.ml;

import io.ember.EmberModel;
import io.ember.config.Setting;
import io.ember.spark.SparkTests;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and loading the stages, alone and inside a PipelineModel, as Spark's own stages are. */
class StagePersistenceTest {
    /** A valid value other than the default for the settings that are not numbers, flags or choices. */
    private static final Map<String, String> TEXT_SAMPLES = Map.ofEntries(Map.entry("layers", "8:relu, 4:tanh:0.1"),
            Map.entry("output-activation", "softmax"), Map.entry("loss", "cross_entropy"), Map.entry("freeze", "1"),
            Map.entry("init", "/tmp/some/model"), Map.entry("step-size", "2 epochs"), Map.entry("period", "3 epochs"),
            Map.entry("warmup", "5"), Map.entry("batch-schedule", "2:64, 4:128"), Map.entry("early-stop-metric",
                    "accuracy"), Map.entry("blas", "ember-vector"), Map.entry("weight-column", "w"),
            Map.entry("validation-indicator-column", "v"), Map.entry("output", "/tmp/some/run"));

    @TempDir
    Path dir;

    @Test
    void everyParamSurvivesASaveAndLoadRoundTrip() throws IOException {
        SparkTests.forPipelines();
        EmberClassifier clf = new EmberClassifier();
        for (Setting<?> s : ParamDeclarations.settings()) {
            set(clf, s);
        }
        clf.setThresholds(new double[] {0.5, 0.3, 0.2}).setFeaturesCol("f").setLabelCol("y");
        Path path = dir.resolve("classifier");
        clf.write().save(path.toString());
        EmberClassifier loaded = EmberClassifier.load(path.toString());
        assertEquals(clf.uid(), loaded.uid());
        assertEquals(clf.params().length, loaded.params().length);
        for (Param<?> p : clf.params()) {
            Param<?> q = loaded.getParam(p.name());
            assertEquals(clf.isSet(p), loaded.isSet(q), p.name());
            if (clf.isDefined(p)) {
                Object a = clf.getOrDefault(p);
                Object b = loaded.getOrDefault(q);
                assertEquals(a instanceof double[] d ? java.util.Arrays.toString(d) : a,
                        b instanceof double[] d ? java.util.Arrays.toString(d) : b, p.name());
            }
        }
        assertEquals("8:relu, 4:tanh:0.1", loaded.getLayers());
        assertEquals(clf.getLr(), loaded.getLr());
        assertFalse(clf.getShuffle(), "every flag was flipped");
    }

    /** Sets the Param of {@code s} to a valid value other than its default. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void set(EmberClassifier clf, Setting<?> s) {
        Param p = clf.getParam(ParamDeclarations.name(s));
        Class<?> type = ParamDeclarations.valueType(s);
        String def = s.defaultText();
        Object value;
        if (type == Integer.class) {
            value = Integer.parseInt(def) + 1;
        } else if (type == Long.class) {
            value = Long.parseLong(def) + 1;
        } else if (type == Double.class) {
            double d = def.isEmpty() ? 0 : Double.parseDouble(def);
            value = d == 0 ? 0.5 : d / 2;
        } else if (type == Boolean.class) {
            value = !Boolean.parseBoolean(def);
        } else if (!s.choices().isEmpty()) {
            value = s.choices().stream().filter(c -> !c.equals(def)).findFirst().orElseThrow();
        } else {
            value = TEXT_SAMPLES.get(s.key());
            assertTrue(value != null, "no sample value for " + s.key());
        }
        clf.set(p, value);
        assertNotEquals(def, ParamDeclarations.text(clf.getOrDefault(p)), s.key());
    }

    @Test
    void aPipelineModelWithAssemblerScalerAndEmberSavesLoadsAndPredictsTheSame() throws IOException {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> cars = spark.read().option("header", true).option("inferSchema", true).csv("data/auto-mpg.csv")
                .withColumn("label", expr("origin_europe + 2 * origin_japan").cast("double"));
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"mpg", "cylinders",
                "displacement", "horsepower", "weight", "acceleration", "model_year"}).setOutputCol("raw");
        StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("features");
        EmberClassifier ember = new EmberClassifier().setLayers("16:relu").setEpochs(5).setBatchSize(32).setLr(0.01);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, ember}).fit(cars);

        Path path = dir.resolve("pipeline");
        model.write().save(path.toString());
        PipelineModel loaded = PipelineModel.load(path.toString());
        List<Row> before = model.transform(cars).select("probability", "prediction", "rawPrediction").collectAsList();
        List<Row> after = loaded.transform(cars).select("probability", "prediction", "rawPrediction").collectAsList();
        assertEquals(before, after);

        EmberClassificationModel stage = (EmberClassificationModel) loaded.stages()[2];
        assertEquals(((EmberClassificationModel) model.stages()[2]).getLr(), stage.getLr());
        assertFalse(stage.hasSummary(), "a loaded model has no summary");
        // Ember's own model directory is inside, readable by ember evaluate and numpy
        Path emberDir;
        try (var stages = Files.list(path.resolve("stages"))) {
            emberDir = stages.filter(p -> p.getFileName().toString().startsWith("2_")).findFirst().orElseThrow()
                    .resolve(StageIO.MODEL_DIR);
        }
        EmberModel inside = EmberModel.load(emberDir.toString());
        assertEquals(List.of(0.0, 1.0, 2.0), List.of(inside.classLabels()[0], inside.classLabels()[1],
                inside.classLabels()[2]));
        assertEquals(7, inside.inputSize());
    }

    @Test
    void aFittedStageExportsToOnnxThatOnnxRuntimeAgreesWith() throws Exception {
        SparkSession spark = SparkTests.forPipelines();
        Dataset<Row> data = MlData.blobs(spark, 90, 21);
        EmberClassificationModel model = new EmberClassifier().setLayers("8:tanh").setEpochs(2).fit(data);
        Path onnx = dir.resolve("stage.onnx");
        model.exportOnnx(onnx.toString(), false);
        List<Row> rows = model.transform(data).select("features", "probability").limit(10).collectAsList();
        float[] features = new float[rows.size() * 4];
        for (int i = 0; i < rows.size(); i++) {
            double[] x = ((org.apache.spark.ml.linalg.Vector) rows.get(i).get(0)).toArray();
            for (int j = 0; j < 4; j++) {
                features[i * 4 + j] = (float) x[j];
            }
        }
        try (var session = io.ember.onnx.OnnxRuntimeCheck.session(Files.readAllBytes(onnx))) {
            float[] p = io.ember.onnx.OnnxRuntimeCheck.run(session, features, rows.size()).probabilities;
            for (int i = 0; i < rows.size(); i++) {
                double[] want = ((org.apache.spark.ml.linalg.Vector) rows.get(i).get(1)).toArray();
                for (int c = 0; c < 3; c++) {
                    assertEquals(want[c], p[i * 3 + c], 1e-5 * Math.abs(want[c]) + 1e-6, "row " + i + " class " + c);
                }
            }
        }
    }

    @Test
    void overwriteReplacesOnlyASavedStageAndNothingElse() throws IOException {
        SparkSession spark = SparkTests.forPipelines();
        EmberRegressionModel model = new EmberRegressor().setEpochs(1).fit(MlData.line(spark, 50, 1));
        Path data = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(data.resolve("part-0.csv"), "1,2,3\n");

        Exception plain = assertThrows(IOException.class, () -> model.write().save(data.toString()));
        assertTrue(plain.getMessage().contains("already exists"), plain.getMessage());
        Exception overwrite = assertThrows(IOException.class, () -> model.write().overwrite().save(data.toString()));
        assertTrue(overwrite.getMessage().contains("not a saved Ember stage"), overwrite.getMessage());
        Exception estimator = assertThrows(IOException.class,
                () -> new EmberRegressor().write().overwrite().save(data.toString()));
        assertTrue(estimator.getMessage().contains("not a saved Ember stage"), estimator.getMessage());
        assertEquals("1,2,3\n", Files.readString(data.resolve("part-0.csv")));

        Path saved = dir.resolve("model");
        model.write().save(saved.toString());
        EmberRegressionModel other = new EmberRegressor().setEpochs(2).setSeed(9).fit(MlData.line(spark, 50, 2));
        other.write().overwrite().save(saved.toString());
        EmberRegressionModel loaded = EmberRegressionModel.load(saved.toString());
        assertEquals(other.uid(), loaded.uid());
        assertEquals(List.of(other.emberModel().parameters()).size(), 1);
        assertTrue(java.util.Arrays.equals(other.emberModel().parameters(), loaded.emberModel().parameters()));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("model", "precious"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary or moved-aside directory is left");
        }
        Exception wrongKind = assertThrows(Exception.class, () -> EmberClassificationModel.load(saved.toString()));
        assertTrue(EmberClassifierTest.messages(wrongKind).contains("EmberRegressionModel"), wrongKind.getMessage());
    }
}
