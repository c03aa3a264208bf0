package io.ember.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DropoutAndInitTest {

    @Test
    void masksDropTheRightFractionAndScaleTheRest() {
        int units = 200_000;
        float[] mask = new float[units];
        DropoutMask.fill(mask, 0, units, 0.3f, 7, 11, 13, 1);
        int dropped = 0;
        for (float m : mask) {
            if (m == 0f) {
                dropped++;
            } else {
                assertEquals(1f / 0.7f, m, 0f);
            }
        }
        assertEquals(0.3, dropped / (double) units, 0.005);
    }

    @Test
    void masksArePureFunctionsOfTheirKeys() {
        float[] a = new float[64];
        float[] b = new float[64];
        DropoutMask.fill(a, 0, 64, 0.5f, 1, 2, 3, 0);
        DropoutMask.fill(b, 0, 64, 0.5f, 1, 2, 3, 0);
        assertArrayEquals(a, b);
        for (long[] other : new long[][] {{9, 2, 3, 0}, {1, 9, 3, 0}, {1, 2, 9, 0}, {1, 2, 3, 1}}) {
            DropoutMask.fill(b, 0, 64, 0.5f, other[0], other[1], other[2], (int) other[3]);
            assertFalse(java.util.Arrays.equals(a, b), "keys " + java.util.Arrays.toString(other));
        }
    }

    @Test
    void dropoutIsIdentityAtInference() {
        NetworkSpec with = new NetworkSpec(4, List.of(new LayerSpec(16, Activation.parse("relu"), 0.5f, true),
                LayerSpec.of(3, "softmax")), Loss.CROSS_ENTROPY);
        NetworkSpec without = with.withLayers(List.of(LayerSpec.of(16, "relu"), LayerSpec.of(3, "softmax")));
        float[] p = Initializer.initialize(with, 5);
        Workspace w1 = new Workspace(with, 4);
        Workspace w2 = new Workspace(without, 4);
        Nets.randomBatch(w1, 4, 1);
        Nets.randomBatch(w2, 4, 1);
        new ForwardBackward(with, Nets.GEMM).predict(p, w1, 4);
        new ForwardBackward(without, Nets.GEMM).predict(p, w2, 4);
        assertArrayEquals(w2.output(), w1.output(), 0f);
        // while training, the same inputs give other outputs (units are dropped)
        float[] g = new float[p.length];
        double trainLoss = new ForwardBackward(with, Nets.GEMM).lossAndGradient(p, w1, 4, g, 3, 0);
        double evalLoss = new ForwardBackward(with, Nets.GEMM).predictWithLoss(p, w1, 4);
        assertNotEquals(evalLoss, trainLoss);
    }

    @Test
    void heAndGlorotHaveTheirVariancesAndAreSeeded() {
        NetworkSpec spec = new NetworkSpec(400, List.of(LayerSpec.of(300, "relu"), LayerSpec.of(200, "tanh")),
                Loss.SQUARED_ERROR);
        float[] p = Initializer.initialize(spec, 42);
        assertArrayEquals(p, Initializer.initialize(spec, 42));
        assertFalse(java.util.Arrays.equals(p, Initializer.initialize(spec, 43)));
        double he = std(p, spec.weightOffset(0), 400 * 300);
        assertEquals(Math.sqrt(2.0 / 400), he, 0.01 * he);
        double glorotBound = Math.sqrt(6.0 / (300 + 200));
        double glorot = std(p, spec.weightOffset(1), 300 * 200);
        assertEquals(glorotBound / Math.sqrt(3), glorot, 0.01 * glorot); // std of U(-a, a) is a / sqrt(3)
        for (int i = spec.weightOffset(1); i < spec.biasOffset(1); i++) {
            assertFalse(Math.abs(p[i]) > glorotBound);
        }
        for (int i = spec.biasOffset(0); i < spec.weightOffset(1); i++) {
            assertEquals(0f, p[i]);
        }
    }

    private static double std(float[] p, int off, int n) {
        double s = 0;
        double s2 = 0;
        for (int i = off; i < off + n; i++) {
            s += p[i];
            s2 += (double) p[i] * p[i];
        }
        double mean = s / n;
        return Math.sqrt(s2 / n - mean * mean);
    }
}
