package io.ember.cli;

import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.EmberModel;
import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;
import io.ember.onnx.OnnxRuntimeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example configurations in conf/ run as the README documents them. */
class ConfExamplesTest {
    @TempDir
    Path dir;

    /**
     * The README's first command, as it is (only the output folder and the local[2] master of the
     * test machine differ): the embedded digits reach the stated 95% held-out accuracy, and the
     * model's ONNX export reproduces 'ember evaluate's accuracy exactly.
     */
    @Test
    void theEmbeddedDefaultRunReaches95PercentOnHeldOutDigits() throws Exception {
        Cli c = Cli.run("train", "--config", "conf/default.conf", "--output", dir.resolve("default").toString(),
                "--master", "local[2]");
        assertEquals(0, c.exit, c.toString());
        Matcher m = Pattern.compile("test \\(2,000 examples\\): loss [0-9.]+  accuracy ([0-9.]+)%").matcher(c.out);
        assertTrue(m.find(), c.out);
        double accuracy = Double.parseDouble(m.group(1));
        System.out.println("embedded default run, held-out accuracy: " + accuracy + "%");
        assertTrue(accuracy >= 95.0, "held-out accuracy " + accuracy + "%");
        theExportReproducesEvaluate(dir.resolve("default/model"));
    }

    /**
     * The run's model exported to ONNX and run in ONNX Runtime on the 2,000 held-out digits predicts
     * every label Ember's predictor does, so its accuracy is 'ember evaluate's, exactly.
     */
    private void theExportReproducesEvaluate(Path model) throws Exception {
        Path onnx = dir.resolve("default.onnx");
        Cli export = Cli.run("export", "--model", model.toString(), "--output", onnx.toString());
        assertEquals(0, export.exit, export.toString());
        Path json = dir.resolve("evaluation.json");
        Cli evaluate = Cli.run("evaluate", "--model", model.toString(), "--data", EmbeddedMnist.TEST, "--master",
                "local[2]", "--json", json.toString());
        assertEquals(0, evaluate.exit, evaluate.toString());
        double evaluated = new ObjectMapper().readTree(json.toFile()).path("accuracy").asDouble(Double.NaN);

        Examples digits = EmbeddedMnist.test(2000);
        double[] predicted;
        try (OrtSession s = OnnxRuntimeCheck.session(Files.readAllBytes(onnx))) {
            predicted = OnnxRuntimeCheck.run(s, digits.features(), digits.rows()).labels;
        }
        EmberModel m = EmberModel.load(model.toString());
        assertArrayEquals(OnnxRuntimeCheck.ember(m, digits.features(), digits.rows()).labels, predicted,
                "ONNX Runtime's labels are Ember's");
        long right = 0;
        for (int i = 0; i < digits.rows(); i++) {
            right += predicted[i] == digits.labels()[i] ? 1 : 0;
        }
        System.out.println("embedded default run exported to ONNX: ONNX Runtime accuracy " + right + "/"
                + digits.rows() + ", ember evaluate " + evaluated);
        assertEquals(evaluated, (double) right / digits.rows(), "ONNX Runtime's accuracy is ember evaluate's");
    }

    @Test
    void theRegressionExampleRunsBriefly() {
        Cli c = Cli.run("train", "--config", "conf/regression.conf", "--epochs", "30", "--master", "local[2]",
                "--output", dir.resolve("regression").toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.contains("validation loss"), c.out);
        assertTrue(c.out.contains("R^2"), c.out);
    }

    /** mnist.conf needs the fetched full data set; run briefly on the embedded files of the same format. */
    @Test
    void theMnistExampleRunsBriefly() {
        Cli c = Cli.run("train", "--config", "conf/mnist.conf", "--data", "data/mnist-train-images-idx3-ubyte.gz",
                "--test", "data/mnist-t10k-images-idx3-ubyte.gz", "--max-steps", "20", "--master", "local[2]",
                "--output", dir.resolve("mnist").toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.contains("784 -> 256:relu -> 128:relu -> 10:softmax"), c.out);
        assertTrue(c.out.contains("stopped: reached max-steps = 20"), c.out);
    }
}
