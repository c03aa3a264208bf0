package io.ember.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example configurations in conf/ run as the README documents them. */
class ConfExamplesTest {
    @TempDir
    Path dir;

    /**
     * The README's first command, as it is (only the output folder and the local[2] master of the
     * test machine differ): the embedded digits reach the stated 95% held-out accuracy.
     */
    @Test
    void theEmbeddedDefaultRunReaches95PercentOnHeldOutDigits() {
        Cli c = Cli.run("train", "--config", "conf/default.conf", "--output", dir.resolve("default").toString(),
                "--master", "local[2]");
        assertEquals(0, c.exit, c.toString());
        Matcher m = Pattern.compile("test \\(2,000 examples\\): loss [0-9.]+  accuracy ([0-9.]+)%").matcher(c.out);
        assertTrue(m.find(), c.out);
        double accuracy = Double.parseDouble(m.group(1));
        System.out.println("embedded default run, held-out accuracy: " + accuracy + "%");
        assertTrue(accuracy >= 95.0, "held-out accuracy " + accuracy + "%");
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
