package io.ember.nn;

import io.ember.linalg.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sparse first layer against central finite differences and against the dense path on the same
 * rows: forward outputs, the loss, every bias and later parameter, and the first weight matrix's
 * gradient in the touched columns (and zero elsewhere).
 */
class SparseLayerTest {
    private static final int INPUTS = 40;

    /** Rows with about 4 non-zeros of 40 each, the same in a dense and a sparse workspace. */
    private static void fill(Workspace dense, Workspace sparse, int rows, long seed) {
        Nets.randomBatch(dense, rows, seed);
        Arrays.fill(dense.input(), 0f);
        Rng rng = new Rng(seed + 1);
        SparseInput x = sparse.sparseInput();
        x.clear();
        int[] idx = new int[INPUTS];
        float[] val = new float[INPUTS];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (int j = 0; j < INPUTS; j++) {
                if (rng.nextDouble() < 0.1 || (r == 0 && j == 0)) {
                    idx[n] = j;
                    val[n] = (float) (2 * rng.nextDouble() - 1);
                    dense.input()[r * INPUTS + j] = val[n];
                    n++;
                }
            }
            x.addRow(idx, val, 0, n);
        }
        int k = dense.spec().outputSize();
        System.arraycopy(dense.target(), 0, sparse.target(), 0, rows * k);
        System.arraycopy(dense.exampleIds(), 0, sparse.exampleIds(), 0, rows);
    }

    @Test
    void forwardAndGradientEqualTheDensePath() {
        NetworkSpec spec = Nets.spec(INPUTS, Loss.CROSS_ENTROPY, "6:relu", "5:tanh", "3:softmax");
        float[] p = Initializer.initialize(spec, 2);
        Workspace dense = new Workspace(spec, 9);
        Workspace sparse = new Workspace(spec, 9, true);
        assertEquals(0, sparse.input().length, "a sparse workspace has no dense input");
        fill(dense, sparse, 9, 7);
        ForwardBackward net = new ForwardBackward(spec, Nets.GEMM);
        float[] gDense = new float[p.length];
        float[] gSparse = new float[p.length];
        double lDense = net.lossAndGradient(p, dense, 9, gDense, 3, 1);
        double lSparse = net.lossAndGradient(p, sparse, 9, gSparse, 3, 1);
        assertEquals(lDense, lSparse, 1e-5 * Math.abs(lDense));
        assertArrayEquals(Arrays.copyOf(dense.output(), 27), Arrays.copyOf(sparse.output(), 27), 1e-5f);

        SparseInput x = sparse.sparseInput();
        int units = 6;
        float[] scattered = new float[units * INPUTS];
        boolean[] touched = new boolean[INPUTS];
        for (int k = 0; k < x.columnCount(); k++) {
            touched[x.columns()[k]] = true;
            for (int u = 0; u < units; u++) {
                scattered[u * INPUTS + x.columns()[k]] = x.columnGradient()[k * units + u];
            }
        }
        assertTrue(x.columnCount() < INPUTS, "the batch leaves columns untouched: " + x.columnCount());
        for (int i = 0; i < units * INPUTS; i++) {
            assertEquals(gDense[i], scattered[i], 1e-5f, "first-layer weight " + i);
            if (!touched[i % INPUTS]) {
                assertEquals(0f, gDense[i], "the dense path's gradient of an untouched column is zero too");
            }
        }
        for (int i = units * INPUTS; i < p.length; i++) {
            assertEquals(gDense[i], gSparse[i], 1e-5f, "parameter " + i);
        }
        assertEquals(0f, gSparse[5], "the first weight matrix's range of grad is not written");
    }

    @Test
    void gradientAgainstFiniteDifferences() {
        check(Nets.spec(INPUTS, Loss.CROSS_ENTROPY, "7:tanh", "4:softmax"), 11);
        check(Nets.spec(INPUTS, Loss.BINARY_CROSS_ENTROPY, "5:sigmoid", "3:tanh", "1:sigmoid"), 12);
    }

    @Test
    void aFrozenFirstLayerHasAZeroColumnGradient() {
        NetworkSpec spec = Nets.spec(INPUTS, Loss.SQUARED_ERROR, "6:tanh", "2:identity").withFrozen(Set.of(0));
        Workspace dense = new Workspace(spec, 5);
        Workspace sparse = new Workspace(spec, 5, true);
        fill(dense, sparse, 5, 4);
        float[] p = Initializer.initialize(spec, 1);
        float[] g = new float[p.length];
        new ForwardBackward(spec, Nets.GEMM).lossAndGradient(p, sparse, 5, g, 0, 0);
        SparseInput x = sparse.sparseInput();
        for (int i = 0; i < x.columnCount() * 6; i++) {
            assertEquals(0f, x.columnGradient()[i]);
        }
    }

    private static void check(NetworkSpec spec, long seed) {
        int rows = 8;
        ForwardBackward net = new ForwardBackward(spec, Nets.GEMM);
        float[] p = Initializer.initialize(spec, seed);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.05f * (float) Math.sin(7 * i + seed);
        }
        Workspace dense = new Workspace(spec, rows);
        Workspace ws = new Workspace(spec, rows, true);
        fill(dense, ws, rows, seed);
        float[] grad = new float[p.length];
        net.lossAndGradient(p, ws, rows, grad, 0, 0);
        SparseInput x = ws.sparseInput();
        int units = spec.layer(0).units();
        int[] cols = Arrays.copyOf(x.columns(), x.columnCount());
        float[] colGrad = Arrays.copyOf(x.columnGradient(), cols.length * units);
        for (int k = 0; k < cols.length; k++) {
            for (int u = 0; u < units; u++) {
                grad[u * INPUTS + cols[k]] = colGrad[k * units + u];
            }
        }
        double h = 1e-3;
        int checked = 0;
        for (int i = 0; i < p.length; i++) {
            float saved = p[i];
            p[i] = (float) (saved + h);
            double up = Nets.loss(net, p, ws, rows, 0, 0);
            p[i] = (float) (saved - h);
            double down = Nets.loss(net, p, ws, rows, 0, 0);
            p[i] = saved;
            double numeric = (up - down) / ((double) (float) (saved + h) - (double) (float) (saved - h));
            assertEquals(numeric, grad[i], 3e-3 + 1e-2 * Math.abs(numeric), spec + ": parameter " + i);
            checked += numeric != 0 ? 1 : 0;
        }
        assertTrue(checked > cols.length * units, "nonzero derivatives checked: " + checked);
    }
}
