package io.ember.cli;

import ai.onnxruntime.OrtSession;
import io.ember.EmberModel;
import io.ember.TestModels;
import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.model.Model;
import io.ember.nn.Activation;
import io.ember.nn.Initializer;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import io.ember.onnx.OnnxRuntimeCheck;
import io.ember.onnx.proto.OnnxProto.ModelProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ember export in-process: the file it writes, and its answers to bad input (one line, exit 2, nothing written). */
class ExportCommandTest {
    @TempDir
    Path dir;

    private Path model;
    private EmberModel m;

    @BeforeEach
    void saveAModel() throws IOException {
        NetworkSpec spec = new NetworkSpec(4, List.of(LayerSpec.of(8, "relu"), LayerSpec.of(1, "tanh")),
                Loss.SQUARED_ERROR);
        m = TestModels.of(new Model(spec, Initializer.initialize(spec, 3), new LabelMapping(new double[] {-1, 1}),
                TargetEncoding.classification(2, 1, Activation.parse("tanh")),
                new FeatureScaler("minmax", new float[] {0, 1, 2, 3}, new float[] {1, 0.5f, 0.25f, 2}), Map.of(),
                Map.of()));
        model = dir.resolve("run/model");
        m.save(model.toString());
    }

    @Test
    void writesAnOnnxFileThatPredictsWhatTheModelDoes() throws Exception {
        Path out = dir.resolve("exports/tanh.onnx");
        Cli c = Cli.run("export", "--model", model.toString(), "--format", "onnx", "--output", out.toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.startsWith("wrote " + out + " ("), c.out);
        assertTrue(c.out.contains("ONNX opset 13, input features float [N, 4]; outputs probabilities float [N, 2], "
                + "label double [N]"), c.out);
        float[] x = {0.5f, -2, 3, 1, 4, 4, -1, 0.25f, -3, 0, 0, 2};
        try (OrtSession s = OnnxRuntimeCheck.session(Files.readAllBytes(out))) {
            double[] labels = OnnxRuntimeCheck.run(s, x, 3).labels;
            for (int r = 0; r < 3; r++) {
                assertEquals(m.predictLabel(java.util.Arrays.copyOfRange(x, 4 * r, 4 * r + 4)), labels[r], "row " + r);
            }
        }

        // --output-activation threshold(0): the metadata says so and outputs are ±1 scores
        Path threshold = dir.resolve("threshold.onnx");
        c = Cli.run("export", "--model", model.toString(), "--output", threshold.toString(), "--output-activation",
                "threshold(0)");
        assertEquals(0, c.exit, c.toString());
        try (OrtSession s = OnnxRuntimeCheck.session(Files.readAllBytes(threshold))) {
            assertEquals("threshold(0.0)", s.getMetadata().getCustomMetadata().get("output_activation"));
            for (float p : OnnxRuntimeCheck.run(s, x, 3).probabilities) {
                assertTrue(p == 0f || p == 1f, "probability " + p);
            }
        }
        assertEquals(List.of("tanh.onnx"), list(out.getParent()), "no temporary file left");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithOverwrite() throws IOException {
        Path out = dir.resolve("m.onnx");
        Files.writeString(out, "keep me");
        Cli c = Cli.run("export", "--model", model.toString(), "--output", out.toString());
        assertBadInput(c, "--output " + out + " already holds a file; give --overwrite to replace it");
        assertEquals("keep me", Files.readString(out));
        assertEquals(List.of("m.onnx", "run"), list(dir));

        c = Cli.run("export", "--model", model.toString(), "--output", out.toString(), "--overwrite");
        assertEquals(0, c.exit, c.toString());
        assertEquals("Ember", ModelProto.parseFrom(Files.readAllBytes(out)).getProducerName());
        assertEquals(List.of("m.onnx", "run"), list(dir));
    }

    @Test
    void aModelThatFailsItsChecksIsRefused() throws IOException {
        byte[] params = Files.readAllBytes(model.resolve("params.bin"));
        params[5] ^= 1;
        Files.write(model.resolve("params.bin"), params);
        Path out = dir.resolve("m.onnx");
        Cli c = Cli.run("export", "--model", model.toString(), "--output", out.toString());
        assertBadInput(c, "params.bin: SHA-256 ");
        assertFalse(Files.exists(out));

        c = Cli.run("export", "--model", dir.resolve("nothing").toString(), "--output", out.toString());
        assertBadInput(c, "is not an Ember model directory");
        assertEquals(List.of("run"), list(dir));
    }

    @Test
    void inputsDirectoriesAndTheInsideOfModelsAreNeverWritten() throws IOException {
        Path run = Files.createDirectories(dir.resolve("another-run"));
        Files.writeString(run.resolve("config.conf"), "layers = 8:relu\n");
        Files.writeString(run.resolve("metrics.jsonl"), "");
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", model.toString(), "--overwrite"),
                "overlaps the input");
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", model.resolve("params.bin").toString(),
                "--overwrite"), "overlaps the input");
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", run.toString(), "--overwrite"),
                "holds an Ember run folder, not a file");
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", run.resolve("metrics.jsonl").toString(),
                "--overwrite"), "is inside an Ember run folder");
        // another model's directory: only Ember's own writes may change it
        Path other = dir.resolve("other");
        m.save(other.toString());
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", other.resolve("x.onnx").toString()),
                "is inside an Ember model");
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", model.getParent().toString(),
                "--overwrite"), "overlaps the input");
        assertEquals(List.of("config.conf", "metrics.jsonl"), list(run));
        assertEquals("", Files.readString(run.resolve("metrics.jsonl")));
        assertEquals(List.of("model.json", "params.bin"), list(model));
        assertEquals(List.of("model.json", "params.bin"), list(other));
        assertEquals(TestModels.parts(m).spec(), TestModels.parts(EmberModel.load(model.toString())).spec());
    }

    @Test
    void anUnwritablePathIsOneLineAndLeavesNothing() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Cli c = Cli.run("export", "--model", model.toString(), "--output", file.resolve("m.onnx").toString());
        assertBadInput(c, "cannot write " + file.resolve("m.onnx"));
        assertEquals("x", Files.readString(file));
        assertEquals(List.of("a-file", "run"), list(dir));
    }

    /**
     * A disk that fills up during the export (a real 64 KB tmpfs; mounting needs root, which CI and the
     * development machines have): one line naming the file, exit code 1, nothing left behind.
     */
    @Test
    void aFullDiskIsOneLineAndExitOne() throws Exception {
        NetworkSpec spec = new NetworkSpec(784, List.of(LayerSpec.of(32, "relu"), LayerSpec.of(10, "softmax")),
                Loss.CROSS_ENTROPY);
        EmberModel big = TestModels.of(new Model(spec, Initializer.initialize(spec, 1), new LabelMapping(new double[] {0, 1, 2,
                3, 4, 5, 6, 7, 8, 9}), TargetEncoding.classification(10, 10, Activation.parse("softmax")), null,
                Map.of(), Map.of()));
        Path bigModel = dir.resolve("big");
        big.save(bigModel.toString());
        Path disk = Files.createDirectories(dir.resolve("disk"));
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .inheritIO().start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root");
        try {
            Files.writeString(disk.resolve("notes.txt"), "the user's notes");
            Path out = disk.resolve("big.onnx");
            Cli c = Cli.run("export", "--model", bigModel.toString(), "--output", out.toString());
            assertEquals(1, c.exit, c.toString());
            assertTrue(c.err.startsWith("ember: error: cannot write ") && c.err.contains("No space left on device")
                    && c.err.contains(out.toString()), c.toString());
            assertEquals(1, c.err.strip().lines().count(), c.err);
            assertEquals(List.of("notes.txt"), list(disk), "no temporary file left");
            assertEquals("the user's notes", Files.readString(disk.resolve("notes.txt")));
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void badOptionsNameTheirValue() {
        Path out = dir.resolve("m.onnx");
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", out.toString(), "--format", "tflite"),
                "--format 'tflite': the only export format is onnx");
        assertBadInput(Cli.run("export", "--model", model.toString(), "--output", out.toString(), "--output-activation",
                "thresh(0)"), "--output-activation: unknown activation 'thresh(0)'");
        assertFalse(Files.exists(out));
        Cli help = Cli.run("export", "--help");
        assertEquals(0, help.exit);
        assertTrue(help.out.contains("--overwrite"), help.out);
        assertTrue(Cli.run("--help").out.contains("export"));
    }

    private static void assertBadInput(Cli c, String expected) {
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.startsWith("ember: error: ") && c.err.contains(expected), c.toString());
        assertEquals(1, c.err.strip().lines().count(), "one line: " + c.err);
        assertEquals("", c.out);
    }

    private static List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
