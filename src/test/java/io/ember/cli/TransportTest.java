package io.ember.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --transport}: a bad value is refused by name, and bf16 trains the embedded default run as float32 does. */
class TransportTest {
    private static final int TEST_EXAMPLES = 2_000;

    @TempDir
    Path dir;

    @Test
    void aBadValueNamesTheKeyAndTheValue() {
        Cli c = Cli.run("train", "--config", "conf/default.conf", "--transport", "fp16", "--output",
                dir.resolve("bad").toString());
        assertEquals(2, c.exit, c.toString());
        assertEquals("ember: error: command line (--transport): key 'transport' = 'fp16': expected one of float32, "
                + "bf16", c.err.strip());
    }

    /**
     * conf/default.conf's run for 3 epochs (its cosine schedule over those; deterministic, so that the BLAS
     * backend is the same in both runs and on every run of the test), with float32 and with bf16: bf16
     * converges too (its training loss falls epoch after epoch), its held-out accuracy within 3 standard
     * errors of the difference of two accuracies measured on the 2,000 test digits, sqrt(2 a (1 - a) / 2000)
     * at float32's accuracy a; and each model records its transport among its settings (float32 when the
     * option is not given).
     */
    @Test
    void bf16TrainsTheEmbeddedDigitsAsFloat32Does() throws Exception {
        double f32 = accuracy(train("float32"));
        double bf16 = accuracy(train("bf16"));
        double tolerance = 3 * Math.sqrt(2 * f32 * (1 - f32) / TEST_EXAMPLES);
        System.out.printf("conf/default.conf, 3 epochs: held-out accuracy float32 %.4f, bf16 %.4f (tolerance %.4f)%n",
                f32, bf16, tolerance);
        assertTrue(bf16 >= f32 - tolerance, "bf16 accuracy " + bf16 + " against float32's " + f32);
        for (String run : new String[] {"float32", "bf16"}) {
            double[] losses = epochLosses(dir.resolve(run + "/metrics.jsonl"));
            assertEquals(3, losses.length, run);
            assertTrue(losses[0] > losses[1] && losses[1] > losses[2], run + " converges: " + Arrays.toString(losses));
        }
        JsonNode model = new ObjectMapper().readTree(dir.resolve("bf16/model/model.json").toFile());
        assertEquals("bf16", model.path("config").path("transport").asText());
        JsonNode defaults = new ObjectMapper().readTree(dir.resolve("float32/model/model.json").toFile());
        assertEquals("float32", defaults.path("config").path("transport").asText());
    }

    /** The run with {@code --transport bf16}, or without the option for float32 (the default). */
    private Cli train(String transport) {
        String[] common = {"train", "--config", "conf/default.conf", "--epochs", "3", "--master", "local[2]",
                "--deterministic", "true", "--output", dir.resolve(transport).toString()};
        Cli c = transport.equals("float32") ? Cli.run(common) : Cli.run(concat(common, "--transport", transport));
        assertEquals(0, c.exit, c.toString());
        return c;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The training loss of each epoch, from the run's metrics.jsonl. */
    private static double[] epochLosses(Path metrics) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(metrics).stream().map(line -> {
            try {
                return json.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(line, e);
            }
        }).filter(n -> n.path("type").asText().equals("epoch")).mapToDouble(n -> n.path("train_loss").asDouble())
                .toArray();
    }

    private static double accuracy(Cli c) {
        Matcher m = Pattern.compile("test \\(2,000 examples\\): loss [0-9.]+  accuracy ([0-9.]+)%").matcher(c.out);
        assertTrue(m.find(), c.out);
        return Double.parseDouble(m.group(1)) / 100;
    }
}
