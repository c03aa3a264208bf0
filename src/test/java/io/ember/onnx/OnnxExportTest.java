package io.ember.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.EmberModel;
import io.ember.TestModels;
import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.io.Version;
import io.ember.model.Model;
import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import io.ember.onnx.proto.OnnxProto.ModelProto;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exported models run in ONNX Runtime give what Ember's own predictor gives on 1,000 rows: every
 * output value within 1e-5 relative, every label equal, for each activation, binary (sigmoid
 * unit, tanh unit on ±1, threshold at export) and multi-class classifiers with numeric labels,
 * and regression, with and without feature scaling. The models are built from parts with random
 * parameters (inference does not care how they were found).
 */
class OnnxExportTest {
    static final int ROWS = 1000;
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;

    @TempDir
    Path dir;

    /** One model to export: a network from a layer text, random parameters and features. */
    record Case(String name, int inputs, String hidden, String output, int units, double[] labels, String scaling,
                String exportActivation) {
        EmberModel model() {
            List<LayerSpec> layers = new ArrayList<>();
            if (!hidden.isEmpty()) {
                for (String l : hidden.split(",\\s*")) {
                    layers.add(LayerSpec.parse(l));
                }
            }
            Activation out = Activation.parse(output);
            layers.add(LayerSpec.of(units, out));
            Loss loss = out.kind() == Activation.Kind.SOFTMAX ? Loss.CROSS_ENTROPY
                    : out.kind() == Activation.Kind.SIGMOID && labels != null ? Loss.BINARY_CROSS_ENTROPY
                    : Loss.SQUARED_ERROR;
            NetworkSpec spec = new NetworkSpec(inputs, layers, loss);
            Random rnd = new Random(name.hashCode());
            float[] params = new float[spec.parameterCount()];
            for (int l = 0; l < spec.layerCount(); l++) {
                double std = Math.sqrt(2.0 / spec.fanIn(l));
                for (int i = spec.weightOffset(l); i < spec.biasOffset(l); i++) {
                    params[i] = (float) (rnd.nextGaussian() * std);
                }
                for (int i = spec.biasOffset(l); i < spec.biasOffset(l) + spec.layer(l).units(); i++) {
                    params[i] = (float) (rnd.nextGaussian() * 0.2);
                }
            }
            LabelMapping mapping = labels == null ? null : new LabelMapping(labels);
            TargetEncoding encoding = labels == null ? TargetEncoding.regression(units)
                    : TargetEncoding.classification(labels.length, units, out);
            return TestModels.of(new Model(spec, params, mapping, encoding, scaler(), Map.of(), Map.of()));
        }

        /** Feature j has mean 3 (j mod 4) - 4 and standard deviation 1 + (j mod 3): scaling matters. */
        float[] features(int rows, long seed) {
            Random rnd = new Random(seed);
            float[] x = new float[rows * inputs];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < inputs; j++) {
                    x[r * inputs + j] = (float) (mean(j) + std(j) * rnd.nextGaussian());
                }
            }
            return x;
        }

        private static double mean(int j) {
            return 3 * (j % 4) - 4;
        }

        private static double std(int j) {
            return 1 + j % 3;
        }

        private FeatureScaler scaler() {
            if (scaling == null) {
                return null;
            }
            float[] offset = new float[inputs];
            float[] scale = new float[inputs];
            for (int j = 0; j < inputs; j++) {
                boolean standardize = scaling.equals("standardize");
                offset[j] = (float) (standardize ? mean(j) : mean(j) - 3 * std(j));
                scale[j] = (float) (standardize ? 1 / std(j) : 1 / (6 * std(j)));
            }
            return new FeatureScaler(scaling, offset, scale);
        }

        /** The model as Ember predicts with it: the output activation replaced as at export. */
        EmberModel predictingModel(EmberModel m) {
            if (exportActivation == null) {
                return m;
            }
            List<LayerSpec> layers = new ArrayList<>(TestModels.parts(m).spec().layers());
            layers.set(layers.size() - 1, TestModels.parts(m).spec().output().withActivation(Activation.parse(exportActivation)));
            return TestModels.of(new Model(TestModels.parts(m).spec().withLayers(layers), m.parameters(), TestModels.parts(m).labels(), TestModels.parts(m).encoding(), TestModels.parts(m).scaler(),
                    Map.of(), Map.of()));
        }

        OnnxExport export(EmberModel m) {
            OnnxExport e = OnnxExport.of(TestModels.parts(m).spec(), m.parameters(), TestModels.parts(m).labels(), TestModels.parts(m).encoding(), TestModels.parts(m).scaler());
            return exportActivation == null ? e : e.withOutputActivation(Activation.parse(exportActivation));
        }
    }

    static final double[] THREE_SEVEN_NINE = {3, 7, 9};
    static final double[] MINUS_PLUS = {-1, 1};

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String act : List.of("identity", "sigmoid", "tanh", "relu", "leaky_relu(0.2)")) {
            cases.add(new Case("hidden " + act + ", softmax over labels 3/7/9", 20, "24:" + act + ", 12:" + act,
                    "softmax", 3, THREE_SEVEN_NINE, null, null));
        }
        cases.add(new Case("10 classes 0..9, softmax, standardized", 30, "32:relu, 16:leaky_relu(0.05)", "softmax",
                10, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "standardize", null));
        cases.add(new Case("two softmax units, labels 0/1", 12, "8:tanh", "softmax", 2, new double[] {0, 1}, null,
                null));
        cases.add(new Case("4 tanh units over labels 1..4 (scores as they are)", 12, "16:tanh", "tanh", 4,
                new double[] {1, 2, 3, 4}, "standardize", null));
        cases.add(new Case("binary: one sigmoid unit, labels -1/+1, standardized", 16, "16:relu", "sigmoid", 1,
                MINUS_PLUS, "standardize", null));
        cases.add(new Case("binary: one tanh unit on ±1 targets, min-max", 16, "16:tanh", "tanh", 1, MINUS_PLUS,
                "minmax", null));
        cases.add(new Case("binary: one tanh unit exported with threshold(0)", 16, "16:tanh", "tanh", 1, MINUS_PLUS,
                "minmax", "threshold(0)"));
        cases.add(new Case("binary: one tanh unit exported with threshold(-0.25), labels 3/7", 16, "16:relu", "tanh",
                1, new double[] {3, 7}, null, "threshold(-0.25)"));
        cases.add(new Case("binary: one sigmoid unit, labels 0/1, no scaling", 16, "16:leaky_relu(0.01)", "sigmoid", 1,
                new double[] {0, 1}, null, null));
        cases.add(new Case("regression, identity output, no scaling", 10, "16:relu", "identity", 1, null, null, null));
        cases.add(new Case("regression, identity output, standardized", 10, "16:tanh, 8:relu", "identity", 1, null,
                "standardize", null));
        cases.add(new Case("regression, relu output", 10, "16:sigmoid", "relu", 1, null, "standardize", null));
        cases.add(new Case("regression, leaky_relu(0.1) output", 10, "16:relu", "leaky_relu(0.1)", 1, null, "minmax",
                null));
        cases.add(new Case("regression, sigmoid output", 10, "16:relu", "sigmoid", 1, null, null, null));
        cases.add(new Case("regression, 2 tanh outputs, min-max", 10, "16:leaky_relu(0.3)", "tanh", 2, null, "minmax",
                null));
        cases.add(new Case("regression, linear model (no hidden layer)", 10, "", "identity", 1, null, "standardize",
                null));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> onnxRuntimeAgreesWithEmbersPredictorOnAThousandRows() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> compare(c)));
    }

    private static void compare(Case c) throws Exception {
        EmberModel trained = c.model();
        EmberModel m = c.predictingModel(trained);
        float[] x = c.features(ROWS, 42);
        OnnxRuntimeCheck.Outputs want = OnnxRuntimeCheck.ember(m, x, ROWS);
        OnnxRuntimeCheck.Outputs got;
        try (OrtSession s = OnnxRuntimeCheck.session(bytes(c.export(trained)))) {
            got = OnnxRuntimeCheck.run(s, x, ROWS);
        }
        StringBuilder figures = new StringBuilder(c.name());
        if (m.isClassifier()) {
            assertNull(got.prediction);
            figures.append(": probabilities ").append(assertClose(c.name(), want.probabilities, got.probabilities));
            assertArrayEquals(want.labels, got.labels, c.name() + ": labels");
            long distinct = Arrays.stream(got.labels).distinct().count();
            figures.append(", labels equal (").append(distinct).append(" distinct predicted)");
            assertTrue(distinct > 1, c.name() + ": a test whose rows all get one label shows little");
            for (double l : got.labels) {
                assertTrue(TestModels.parts(m).labels().classOf(l) >= 0, "label " + l + " is one of " + TestModels.parts(m).labels());
            }
        } else {
            assertNull(got.labels);
            figures.append(": prediction ").append(assertClose(c.name(), want.prediction, got.prediction));
        }
        System.out.println("onnx: " + figures);
    }

    /**
     * The file {@code EmberModel.exportOnnx} writes: opset, IR version, symbolic batch, input and
     * output types, no Dropout, doc string and metadata (Ember's version, the network, the labels,
     * the SHA-256 of the saved params.bin), and the same answers for batches of 1 and 7 rows.
     */
    @Test
    void theFileDeclaresItsSignatureOpsetAndMetadata() throws Exception {
        Case c = new Case("metadata", 6, "8:relu:0.5", "softmax", 3, THREE_SEVEN_NINE, "standardize", null);
        EmberModel m = c.model();
        Path modelDir = dir.resolve("model");
        m.save(modelDir.toString());
        Path file = dir.resolve("model.onnx");
        m.exportOnnx(file.toString());

        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(7, proto.getIrVersion());
        assertEquals(1, proto.getOpsetImportCount());
        assertEquals("", proto.getOpsetImport(0).getDomain());
        assertEquals(13, proto.getOpsetImport(0).getVersion());
        List<String> ops = proto.getGraph().getNodeList().stream().map(n -> n.getOpType()).toList();
        assertEquals(List.of("Sub", "Mul", "Gemm", "Relu", "Gemm", "Softmax", "Identity", "ArgMax", "Gather"), ops,
                "scaling, two dense layers, the head; no Dropout");

        String sha = new ObjectMapper().readTree(modelDir.resolve("model.json").toFile()).path("parameters")
                .path("sha256").asText();
        assertEquals(64, sha.length());
        try (OrtSession s = OnnxRuntimeCheck.session(Files.readAllBytes(file))) {
            OnnxModelMetadata meta = s.getMetadata();
            assertEquals("Ember", meta.getProducerName());
            assertEquals(1, meta.getVersion());
            assertEquals("ember", meta.getGraphName());
            assertTrue(meta.getDescription().startsWith("Ember " + Version.EMBER + " classifier of labels [3, 7, 9]: "
                    + "6 -> 8:relu -> 3:softmax, cross_entropy, 83 parameters, standardize scaling inside."),
                    meta.getDescription());
            Map<String, String> props = meta.getCustomMetadata();
            assertEquals(Version.EMBER, props.get("ember_version"));
            assertEquals("6 -> 8:relu:0.5 -> 3:softmax, cross_entropy, 83 parameters", props.get("network"));
            assertEquals("[3, 7, 9]", props.get("labels"));
            assertEquals("standardize", props.get("scaling"));
            assertEquals(sha, props.get("params_sha256"), "the SHA-256 of params.bin's bytes");

            TensorInfo in = (TensorInfo) s.getInputInfo().get("features").getInfo();
            assertArrayEquals(new long[] {-1, 6}, in.getShape(), "batch dimension symbolic");
            Map<String, NodeInfo> outputs = s.getOutputInfo();
            assertEquals(List.of("probabilities", "label"), new ArrayList<>(outputs.keySet()));
            TensorInfo probabilities = (TensorInfo) outputs.get("probabilities").getInfo();
            assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, probabilities.type);
            assertArrayEquals(new long[] {-1, 3}, probabilities.getShape());
            TensorInfo label = (TensorInfo) outputs.get("label").getInfo();
            assertEquals(ai.onnxruntime.OnnxJavaType.DOUBLE, label.type);
            assertArrayEquals(new long[] {-1}, label.getShape());

            float[] x = c.features(8, 7);
            OnnxRuntimeCheck.Outputs seven = OnnxRuntimeCheck.run(s, Arrays.copyOf(x, 7 * 6), 7);
            OnnxRuntimeCheck.Outputs one = OnnxRuntimeCheck.run(s, Arrays.copyOfRange(x, 7 * 6, 8 * 6), 1);
            assertEquals(7, seven.labels.length);
            assertEquals(1, one.labels.length);
            assertEquals(m.predictLabel(Arrays.copyOfRange(x, 7 * 6, 8 * 6)), one.labels[0]);
            for (int r = 0; r < 7; r++) {
                assertEquals(m.predictLabel(Arrays.copyOfRange(x, r * 6, r * 6 + 6)), seven.labels[r], "row " + r);
            }
        }
    }

    @Test
    void regressionHasOnePredictionOutput() throws Exception {
        Case c = new Case("regression", 3, "4:tanh", "identity", 2, null, null, null);
        try (OrtSession s = OnnxRuntimeCheck.session(bytes(c.export(c.model())))) {
            assertEquals(List.of("prediction"), new ArrayList<>(s.getOutputInfo().keySet()));
            assertArrayEquals(new long[] {-1, 2}, ((TensorInfo) s.getOutputInfo().get("prediction").getInfo()).getShape());
            assertEquals("none", s.getMetadata().getCustomMetadata().get("labels"));
        }
    }

    /**
     * exportOnnx refuses an existing path and, with overwrite, replaces a file (like save), never a
     * directory or anything inside a model; nothing is left behind when it refuses.
     */
    @Test
    void exportOnnxReplacesAFileOnlyWithOverwrite() throws Exception {
        EmberModel m = new Case("files", 3, "4:relu", "sigmoid", 1, MINUS_PLUS, null, null).model();
        Path file = dir.resolve("out.onnx");
        Files.writeString(file, "old");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> m.exportOnnx(file.toString()));
        assertTrue(e.getMessage().contains("already holds a file"), e.getMessage());
        assertEquals("old", Files.readString(file));
        m.exportOnnx(file.toString(), true);
        assertEquals("Ember", ModelProto.parseFrom(Files.readAllBytes(file)).getProducerName());

        Path model = dir.resolve("model");
        m.save(model.toString());
        e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> m.exportOnnx(model.toString(), true));
        assertTrue(e.getMessage().contains("holds an Ember model, not a file"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> m.exportOnnx(model.resolve("model.onnx").toString(), true));
        assertTrue(e.getMessage().contains("is inside an Ember model"), e.getMessage());
        assertEquals(List.of("model.json", "params.bin"), list(model));
        assertEquals(List.of("model", "out.onnx"), list(dir));
    }

    static List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Asserts |onnx - ember| <= 1e-5 |ember| + 1e-6 for every value (numpy's allclose with rtol 1e-5,
     * atol 1e-6): relative, except near zero, where a value that is the small difference of terms of
     * order 1 (a sum that cancels, 1 - p for p near 1) carries an absolute error of a few float32
     * ulps of those terms whatever the order of summation. Returns the worst figures.
     */
    static String assertClose(String what, float[] ember, float[] onnx) {
        assertEquals(ember.length, onnx.length, what + ": output size");
        double worstRelative = 0;
        float worstRelativeValue = Float.NaN;
        double worstAbsolute = 0;
        for (int i = 0; i < ember.length; i++) {
            double err = Math.abs((double) onnx[i] - ember[i]);
            assertTrue(err <= RELATIVE * Math.abs(ember[i]) + ABSOLUTE, String.format(Locale.ROOT, "%s: value %d: "
                    + "ONNX Runtime %s, Ember %s (difference %.3g)", what, i, onnx[i], ember[i], err));
            worstAbsolute = Math.max(worstAbsolute, err);
            if (Math.abs(ember[i]) >= 0.01 && err / Math.abs(ember[i]) > worstRelative) {
                worstRelative = err / Math.abs(ember[i]);
                worstRelativeValue = ember[i];
            }
        }
        return String.format(Locale.ROOT, "worst relative difference %.2e (of values >= 0.01; at %.4g), worst "
                + "absolute %.2e", worstRelative, worstRelativeValue, worstAbsolute);
    }

    static byte[] bytes(OnnxExport e) {
        return e.toBytes();
    }
}
