package io.ember.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Back-propagation against central finite differences of the loss, for every hidden activation
 * with every trainable (output activation, loss) pair, a 3-layer network, dropout and frozen layers.
 * The engine is float32, so the loss is differenced with a step that keeps rounding noise well
 * under the tolerance.
 */
class GradientCheckTest {
    private static final String[] HIDDEN = {"identity", "sigmoid", "tanh", "relu", "leaky_relu(0.1)"};
    private static final String[][] OUTPUT_LOSS = {
            {"identity", "mse"}, {"sigmoid", "mse"}, {"tanh", "mse"}, {"relu", "mse"}, {"leaky_relu(0.2)", "mse"},
            {"softmax", "mse"}, {"sigmoid", "bce"}, {"softmax", "ce"}};

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (String h : HIDDEN) {
            for (String[] ol : OUTPUT_LOSS) {
                out.add(Arguments.of(h, ol[0], ol[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "hidden {0}, output {1}, loss {2}")
    @MethodSource("combinations")
    void everyActivationAndLoss(String hidden, String output, String loss) {
        NetworkSpec spec = Nets.spec(3, Loss.parse(loss), "5:" + hidden, "3:" + output);
        check(spec, 7, 11);
    }

    /** Instance weights: the gradient of the weighted summed loss, for every trainable (output, loss) pair. */
    @ParameterizedTest(name = "weighted rows, output {1}, loss {2}")
    @MethodSource("outputsAndLosses")
    void weightedRows(String hidden, String output, String loss) {
        check(Nets.spec(3, Loss.parse(loss), "5:" + hidden, "3:" + output), 7, 13, true);
    }

    static Stream<Arguments> outputsAndLosses() {
        return Stream.of(OUTPUT_LOSS).map(ol -> Arguments.of("tanh", ol[0], ol[1]));
    }

    @Test
    void aWeightOfTwoIsTheRowTwice() {
        NetworkSpec spec = Nets.spec(3, Loss.CROSS_ENTROPY, "5:relu", "3:softmax");
        ForwardBackward net = new ForwardBackward(spec, Nets.GEMM);
        float[] p = Initializer.initialize(spec, 4);
        Workspace weighted = new Workspace(spec, 4);
        Nets.randomBatch(weighted, 4, 8);
        java.util.Arrays.fill(weighted.weights(), 0, 4, 1f);
        weighted.weights()[2] = 2f;
        weighted.weights()[3] = 0f;
        weighted.setWeighted(true);
        Workspace copied = new Workspace(spec, 4);
        Nets.randomBatch(copied, 4, 8);
        int in = spec.inputSize();
        int out = spec.outputSize();
        System.arraycopy(weighted.input(), 2 * in, copied.input(), 3 * in, in); // row 3 := row 2 again
        System.arraycopy(weighted.target(), 2 * out, copied.target(), 3 * out, out);
        float[] gw = new float[p.length];
        float[] gc = new float[p.length];
        double lw = net.lossAndGradient(p, weighted, 4, gw, 0, 0);
        double lc = net.lossAndGradient(p, copied, 4, gc, 0, 0);
        assertEquals(lc, lw, 1e-6 * Math.abs(lc));
        assertEquals(4.0, weighted.weightOf(4));
        for (int i = 0; i < p.length; i++) {
            assertEquals(gc[i], gw[i], 1e-5f, "parameter " + i);
        }
    }

    @Test
    void threeLayerNetwork() {
        check(Nets.spec(6, Loss.CROSS_ENTROPY, "8:tanh", "7:relu", "4:softmax"), 9, 21);
        check(Nets.spec(6, Loss.SQUARED_ERROR, "8:sigmoid", "7:leaky_relu", "2:identity"), 9, 22);
    }

    @Test
    void dropoutMasksAreFixedByTheirKeysSoTheLossIsDifferentiable() {
        NetworkSpec spec = new NetworkSpec(5, List.of(new LayerSpec(8, Activation.parse("tanh"), 0.3f, true),
                new LayerSpec(6, Activation.parse("sigmoid"), 0.5f, true), LayerSpec.of(3, "softmax")), Loss.CROSS_ENTROPY);
        check(spec, 10, 5);
    }

    @Test
    void frozenLayersGetZeroGradientAndOthersTheFullOne() {
        NetworkSpec full = Nets.spec(4, Loss.SQUARED_ERROR, "6:tanh", "5:relu", "2:identity");
        NetworkSpec frozen = full.withFrozen(Set.of(0, 2));
        float[] p = Initializer.initialize(full, 3);
        Workspace ws = new Workspace(full, 8);
        Nets.randomBatch(ws, 8, 4);
        float[] gFull = new float[p.length];
        float[] gFrozen = new float[p.length];
        new ForwardBackward(full, Nets.GEMM).lossAndGradient(p, ws, 8, gFull, 0, 0);
        Workspace ws2 = new Workspace(frozen, 8);
        Nets.randomBatch(ws2, 8, 4);
        new ForwardBackward(frozen, Nets.GEMM).lossAndGradient(p, ws2, 8, gFrozen, 0, 0);
        ParamRanges trainable = frozen.trainableRanges();
        for (int i = 0; i < p.length; i++) {
            assertEquals(trainable.contains(i) ? gFull[i] : 0f, gFrozen[i], 1e-6f, "parameter " + i);
        }
        assertEquals(full.layerParameterCount(1), trainable.size());
    }

    private static void check(NetworkSpec spec, int rows, long seed) {
        check(spec, rows, seed, false);
    }

    /**
     * Compares every partial derivative with a central difference of the summed loss (each row
     * weighted by a weight in [0, 2] when {@code weighted}).
     */
    private static void check(NetworkSpec spec, int rows, long seed, boolean weighted) {
        ForwardBackward net = new ForwardBackward(spec, Nets.GEMM);
        float[] p = Initializer.initialize(spec, seed);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.05f * (float) Math.sin(7 * i + seed); // nonzero biases, away from symmetric points
        }
        Workspace ws = new Workspace(spec, rows);
        Nets.randomBatch(ws, rows, seed);
        if (weighted) {
            for (int r = 0; r < rows; r++) {
                ws.weights()[r] = (float) (1 + Math.sin(3 * r + seed));
            }
            ws.setWeighted(true);
        }
        float[] grad = new float[p.length];
        net.lossAndGradient(p, ws, rows, grad, 99, 5);
        double h = 1e-3;
        double maxScale = 0;
        for (float g : grad) {
            maxScale = Math.max(maxScale, Math.abs(g));
        }
        assertTrue(maxScale > 1e-3, "gradient is not trivially zero");
        int skipped = 0;
        for (int i = 0; i < p.length; i++) {
            float saved = p[i];
            p[i] = (float) (saved + h);
            double up = Nets.loss(net, p, ws, rows, 99, 5);
            String kinksUp = reluPattern(ws, rows);
            p[i] = (float) (saved - h);
            double down = Nets.loss(net, p, ws, rows, 99, 5);
            String kinksDown = reluPattern(ws, rows);
            p[i] = saved;
            if (!kinksUp.equals(kinksDown)) {
                skipped++; // a ReLU changed side between the two points: the difference quotient spans a kink
                continue;
            }
            double numeric = (up - down) / ((double) (float) (saved + h) - (double) (float) (saved - h));
            double tolerance = 2e-3 * Math.max(1.0, maxScale) + 1e-2 * Math.abs(numeric);
            assertEquals(numeric, grad[i], tolerance, spec + ": parameter " + i);
        }
        // A unit whose pre-activation sits within h of zero makes every coordinate feeding it straddle.
        assertTrue(skipped <= p.length / 2, spec + ": " + skipped + " of " + p.length + " coordinates straddle a kink");
    }

    /** Which ReLU-family units are active, as a string, after a loss evaluation. */
    private static String reluPattern(Workspace ws, int rows) {
        StringBuilder sb = new StringBuilder();
        NetworkSpec spec = ws.spec();
        for (int l = 0; l < spec.layerCount(); l++) {
            if (spec.layer(l).activation().reluFamily()) {
                for (int i = 0; i < rows * spec.layer(l).units(); i++) {
                    sb.append(ws.act[l][i] > 0 ? '1' : '0');
                }
            }
        }
        return sb.toString();
    }
}
