package io.ember.cli;

import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.io.ModelFormat;
import io.ember.model.Model;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's numpy snippet, taken from README.md as it is and run by python3, against {@code ember
 * predict} over small models of every activation a model can hold (hidden and output), single-unit
 * sigmoid, tanh, relu and leaky-ReLU classifiers, softmax, and regression, with and without scaling.
 */
class NumpySnippetTest {
    /** The line of the snippet naming the model directory; the test points it at its own models. */
    private static final String MODEL_LINE = "model = \"runs/default/model\"";
    private static final int FEATURES = 5;
    private static final int ROWS = 80;

    @TempDir
    static Path dir;
    private static String python;
    private static String snippet;

    @BeforeAll
    static void findNumpyAndTheSnippet() throws IOException, InterruptedException {
        python = Numpy.python();
        snippet = snippet(Files.readString(Path.of("README.md")));
    }

    /** The ```python block of README's Models section. */
    static String snippet(String readme) {
        int section = readme.indexOf("\n## Models\n");
        int open = readme.indexOf("```python\n", section);
        int close = readme.indexOf("\n```\n", open);
        assertTrue(section >= 0 && open >= 0 && close > open, "README's Models section has a python block");
        assertTrue(open < readme.indexOf("\n## ", section + 1), "the python block is in the Models section");
        return readme.substring(open + "```python\n".length(), close + 1);
    }

    @Test
    void theSnippetNamesItsModelDirectoryOnOneLine() {
        assertEquals(1, snippet.lines().filter(l -> l.startsWith(MODEL_LINE)).count(), snippet);
    }

    static Stream<Object[]> models() {
        return Stream.of(
                new Object[] {"softmax over relu and leaky_relu(0.2), standardized", FEATURES,
                        List.of(LayerSpec.of(6, "relu"), LayerSpec.of(4, "leaky_relu(0.2)"), LayerSpec.of(3, "softmax")),
                        Loss.CROSS_ENTROPY, new double[] {0, 1, 2}, "standardize"},
                new Object[] {"one sigmoid unit over tanh, labels 3 and 7", FEATURES,
                        List.of(LayerSpec.of(6, "tanh"), LayerSpec.of(1, "sigmoid")),
                        Loss.BINARY_CROSS_ENTROPY, new double[] {3, 7}, null},
                new Object[] {"one tanh unit over sigmoid, labels -1 and 1, min-max scaled", FEATURES,
                        List.of(LayerSpec.of(6, "sigmoid"), LayerSpec.of(1, "tanh")),
                        Loss.SQUARED_ERROR, new double[] {-1, 1}, "minmax"},
                new Object[] {"one leaky_relu(0.1) unit over identity", FEATURES,
                        List.of(LayerSpec.of(4, "identity"), LayerSpec.of(1, "leaky_relu(0.1)")),
                        Loss.SQUARED_ERROR, new double[] {0, 1}, null},
                new Object[] {"one relu unit over leaky_relu", FEATURES,
                        List.of(LayerSpec.of(5, "leaky_relu"), LayerSpec.of(1, "relu")),
                        Loss.SQUARED_ERROR, new double[] {1, 2}, null},
                new Object[] {"regression: identity over leaky_relu and relu, standardized", FEATURES,
                        List.of(LayerSpec.of(6, "leaky_relu"), LayerSpec.of(3, "relu"), LayerSpec.of(1, "identity")),
                        Loss.SQUARED_ERROR, null, "standardize"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void predictsWhatEmberPredicts(String name, int features, List<LayerSpec> layers, Loss loss, double[] labels,
                                   String scaling) throws IOException, InterruptedException {
        Random rnd = new Random(name.hashCode());
        NetworkSpec spec = new NetworkSpec(features, layers, loss);
        float[] params = new float[spec.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (0.8 * rnd.nextGaussian());   // biases too, so every unit is exercised
        }
        FeatureScaler scaler = scaling == null ? null : new FeatureScaler(scaling, randomFloats(rnd, features, 1),
                randomFloats(rnd, features, 0.5));
        LabelMapping mapping = labels == null ? null : new LabelMapping(labels);
        TargetEncoding encoding = labels == null ? TargetEncoding.regression(1)
                : TargetEncoding.classification(labels.length, spec.outputSize(), spec.output().activation());
        Path model = Files.createTempDirectory(dir, "model");
        ModelFormat.write(new Model(spec, params, mapping, encoding, scaler,
                labels == null ? Map.of("task", "regression") : Map.of(), Map.of()), model.toString());

        // the same rows as LIBSVM for ember predict and as CSV features for numpy
        StringBuilder libsvm = new StringBuilder();
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < ROWS; r++) {
            double label = labels == null ? Math.round(rnd.nextGaussian() * 100) / 10.0 : labels[rnd.nextInt(labels.length)];
            libsvm.append(LabelMapping.format(label));
            for (int j = 0; j < features; j++) {
                String v = Float.toString((float) (2 * rnd.nextGaussian() + 1));
                libsvm.append(' ').append(j + 1).append(':').append(v);
                csv.append(j == 0 ? "" : ",").append(v);
            }
            libsvm.append('\n');
            csv.append('\n');
        }
        Path data = dir.resolve(model.getFileName() + ".libsvm");
        Path csvFile = dir.resolve(model.getFileName() + ".csv");
        Files.writeString(data, libsvm);
        Files.writeString(csvFile, csv);

        Path predictions = dir.resolve(model.getFileName() + "-predictions");
        Cli predict = Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--predictions",
                predictions.toString(), "--master", "local[1]");
        assertEquals(0, predict.exit, predict.toString());
        List<String[]> ember = partFiles(predictions);
        List<double[]> numpy = runSnippet(model, csvFile);
        assertEquals(ROWS, ember.size());
        assertEquals(ROWS, numpy.size());
        for (int r = 0; r < ROWS; r++) {
            String[] e = ember.get(r);
            double[] n = numpy.get(r);
            String row = name + ", row " + (r + 1) + ": ember " + String.join(",", e) + ", numpy "
                    + Arrays.toString(n);
            // numpy: prediction, then the p_ columns (classifiers); ember: label, prediction, p_ columns
            assertEquals(e.length - 1, n.length, row);
            if (labels != null) {
                assertEquals(e[1], LabelMapping.format(n[0]), row);
                for (int c = 0; c < labels.length; c++) {
                    assertEquals(Double.parseDouble(e[2 + c]), n[1 + c], 2e-5, row);
                }
            } else {
                double want = Double.parseDouble(e[1]);
                assertEquals(want, n[0], 2e-5 * Math.max(1, Math.abs(want)), row);
            }
        }
    }

    private static float[] randomFloats(Random rnd, int n, double base) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (base + 0.5 * rnd.nextDouble());
        }
        return out;
    }

    /** The rows of ember predict's part files (header dropped), in order; they must be named part-*.csv. */
    private static List<String[]> partFiles(Path predictions) throws IOException {
        List<Path> parts;
        try (Stream<Path> files = Files.list(predictions)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        assertTrue(!parts.isEmpty() && parts.stream().allMatch(p -> p.getFileName().toString()
                .matches("part-[0-9]{5}\\.csv")), "CSV part files: " + parts);
        List<String[]> rows = new ArrayList<>();
        for (Path p : parts) {
            for (String line : Files.readAllLines(p)) {
                if (!line.startsWith("label,")) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }

    /** README's snippet pointed at {@code model}, then: the prediction and the p_ columns of every row. */
    private static List<double[]> runSnippet(Path model, Path features) throws IOException, InterruptedException {
        String program = snippet.replace(MODEL_LINE, "model = \"" + model + "\"") + String.join("\n",
                "import sys",
                "x = np.loadtxt(sys.argv[1], delimiter=\",\", dtype=\"f4\", ndmin=2)",
                "y = predict(x)",
                "if meta[\"task\"] == \"classification\":",
                "    p = probabilities(y)",
                "    rows = np.column_stack([np.array(meta[\"labels\"])[p.argmax(1)], p])",
                "else:",
                "    rows = y[:, :1]",
                "np.savetxt(sys.stdout, rows, delimiter=\",\", fmt=\"%.9g\")",
                "");
        Path script = model.resolve("snippet.py");
        Files.writeString(script, program);
        Path err = model.resolve("snippet.err");
        Process p = new ProcessBuilder(python, script.toString(), features.toString())
                .redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python finished");
        assertEquals(0, p.exitValue(), python + " " + script + " failed:\n" + Files.readString(err));
        List<double[]> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] cells = line.split(",");
            double[] v = new double[cells.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(cells[i].trim());
            }
            rows.add(v);
        }
        return rows;
    }
}
