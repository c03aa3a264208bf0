package io.ember.config;

import io.ember.Keys;
import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.config.Settings;
import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import io.ember.optim.Schedules;
import io.ember.optim.StepLength;
import io.ember.spark.SparkSettings;
import io.ember.train.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configuration is refused with a message naming the origin, key and value. */
class ConfigTest {

    private static String error(String... keyValues) {
        return assertThrows(IllegalArgumentException.class, () -> Networks.of(Keys.parse(Settings.of(keyValues)), 4, 3))
                .getMessage();
    }

    @Test
    void zeroOrNegativeLayerSizes() {
        assertEquals("code: key 'layers' = '0:relu': layer '0:relu': layer size must be positive, got 0",
                error("layers", "0:relu"));
        assertTrue(error("layers", "16:relu, -3:tanh").contains("layer size must be positive, got -3"));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(0, List.of(LayerSpec.of(2, "relu")),
                Loss.SQUARED_ERROR));
    }

    @Test
    void unknownActivation() {
        assertTrue(error("layers", "8:swish").contains("unknown activation 'swish'; expected one of identity"));
        assertTrue(error("output-activation", "gelu").contains("key 'output-activation' = 'gelu'"));
    }

    @Test
    void dropoutOutsideItsRange() {
        assertTrue(error("layers", "8:relu:1.0").contains("dropout must be in [0, 1), got 1.0"));
        assertTrue(error("layers", "8:relu:-0.1").contains("dropout must be in [0, 1), got -0.1"));
        assertEquals("code: key 'dropout' = '1.5': must be in [0.0, 1.0)", error("dropout", "1.5"));
    }

    @Test
    void negativeOrZeroLearningRate() {
        assertEquals("code: key 'lr' = '-0.01': must be > 0", error("lr", "-0.01"));
        assertEquals("code: key 'lr' = '0': must be > 0", error("lr", "0"));
        assertEquals("code: key 'lr' = 'fast': not a finite number", error("lr", "fast"));
    }

    @Test
    void thresholdUnitInAHiddenLayer() {
        assertTrue(error("layers", "8:threshold").contains("threshold(0.0) is allowed only in the output layer"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(3,
                List.of(LayerSpec.of(4, "threshold"), LayerSpec.of(1, "identity")), Loss.SQUARED_ERROR));
        assertTrue(e.getMessage().contains("threshold is allowed only in the output layer"), e.getMessage());
    }

    @Test
    void backPropagationThroughAThresholdOutputIsRefused() {
        String msg = error("task", "regression", "output-activation", "threshold(0.5)");
        assertTrue(msg.contains("the threshold unit has no useful derivative"), msg);
        NetworkSpec perceptron = new NetworkSpec(2, List.of(LayerSpec.of(1, Activation.threshold(0f))),
                Loss.SQUARED_ERROR);
        assertThrows(IllegalArgumentException.class, perceptron::checkTrainable);
    }

    @Test
    void lossMustFitTheOutput() {
        assertTrue(error("output-activation", "tanh", "loss", "ce").contains("cross_entropy needs a softmax output"));
        assertTrue(error("output-activation", "softmax", "loss", "bce")
                .contains("binary_cross_entropy needs a sigmoid output"));
    }

    @Test
    void unknownKeysAreNamedWithASuggestion() {
        String msg = assertThrows(ConfigException.class, () -> Keys.parse(Settings.of("lerning-rate", "0.1")))
                .getMessage();
        assertTrue(msg.startsWith("code: unknown key 'lerning-rate'"), msg);
        msg = assertThrows(ConfigException.class, () -> Keys.parse(Settings.of("batchsize", "64"))).getMessage();
        assertTrue(msg.contains("did you mean 'batch-size'?"), msg);
    }

    @Test
    void conflictingOptimizerSettings() {
        assertTrue(error("optimizer", "adam", "weight-decay", "0.1").contains("weight-decay is AdamW's decoupled"));
        assertTrue(error("optimizer", "adam", "nesterov", "true").contains("nesterov needs optimizer = sgd"));
        assertTrue(error("batch-size", "64", "partition-batch-size", "32").contains("not both"));
    }

    @Test
    void transportIsFloat32OrBf16() {
        assertEquals(SparkSettings.Transport.FLOAT32, Keys.parse(Settings.empty()).get(SparkSettings.TRANSPORT));
        assertEquals(SparkSettings.Transport.BF16, Keys.parse(Settings.of("transport", "bf16"))
                .get(SparkSettings.TRANSPORT));
        assertEquals("code: key 'transport' = 'fp16': expected one of float32, bf16", error("transport", "fp16"));
        assertEquals("code: key 'transport' = '': expected one of float32, bf16", error("transport", ""));
    }

    @Test
    void fileErrorsNameFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "# a comment\nlayers = 16:relu\n\nlr = -1\n");
        String msg = assertThrows(ConfigException.class, () -> Keys.parse(Settings.load(f))).getMessage();
        assertEquals(f + ":4: key 'lr' = '-1': must be > 0", msg);
        Files.writeString(f, "layers = 16:relu\nthis line has no equals sign\n");
        msg = assertThrows(ConfigException.class, () -> Settings.load(f)).getMessage();
        assertEquals(f + ":2: expected 'key = value', got 'this line has no equals sign'", msg);
        Files.writeString(f, "lr = 0.1\nlr = 0.2\n");
        msg = assertThrows(ConfigException.class, () -> Settings.load(f)).getMessage();
        assertEquals(f + ":2: key 'lr' is already set at " + f + ":1", msg);
    }

    @Test
    void commandLineOverridesFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ok.conf");
        Files.writeString(f, "layers = 16:relu\nlr = 0.1\n");
        Settings s = Settings.load(f).overriddenBy(Settings.empty().with("lr", "0.5", "command line"));
        Config c = Keys.parse(s);
        assertEquals(0.5, c.get(Schedules.LR));
        assertEquals("0.5", c.resolved().get("lr"));
        assertEquals("adam", c.resolved().get("optimizer"));
    }

    @Test
    void autoOutputAndLossFollowTheTask() {
        NetworkSpec multi = Networks.of(Keys.parse(Settings.of("layers", "8:relu")), 4, 3);
        assertEquals("4 -> 8:relu -> 3:softmax, cross_entropy, 67 parameters", multi.toString());
        NetworkSpec binary = Networks.of(Keys.parse(Settings.of()), 4, 2);
        assertEquals("4 -> 1:sigmoid, binary_cross_entropy, 5 parameters", binary.toString());
        NetworkSpec regression = Networks.of(Keys.parse(Settings.of("task", "regression", "layers", "3:tanh")), 4, 1);
        assertEquals("4 -> 3:tanh -> 1:identity, squared_error, 19 parameters", regression.toString());
        NetworkSpec frozen = Networks.of(Keys.parse(Settings.of("layers", "8:relu", "freeze", "0")), 4, 3);
        assertEquals(false, frozen.layer(0).trainable());
        assertTrue(error("layers", "8:relu", "freeze", "5").contains("layer 5 does not exist"));
    }

    @Test
    void stepLengthsInStepsOrEpochs() {
        Config c = Keys.parse(Settings.of("schedule", "step", "step-size", "2 epochs", "gamma", "0.5",
                "warmup", "10"));
        StepLength.EpochSteps run = new StepLength.EpochSteps() {
            @Override
            public long stepsIn(double epochs) {
                return Math.round(epochs * 100);
            }

            @Override
            public long totalSteps() {
                return 1000;
            }
        };
        assertEquals(0.001 * 0.5, Schedules.of(c, run).at(200), 1e-12);
        assertEquals(0.001 / 10, Schedules.of(c, run).at(0), 1e-12);
        assertTrue(error("warmup", "soon").contains("expected a number of steps or 'N epochs'"));
    }
}
