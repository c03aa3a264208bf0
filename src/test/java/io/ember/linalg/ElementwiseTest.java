package io.ember.linalg;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vector API element-wise kernels give exactly what the plain loops give, tails included. */
class ElementwiseTest {
    @Test
    void vectorKernelsMatchTheScalarLoops() {
        assertTrue(Elementwise.get() instanceof VectorElementwise, "tests run with the Vector API module");
        Elementwise scalar = new Elementwise.ScalarElementwise();
        Elementwise vector = Elementwise.get();
        Rng rng = new Rng(3);
        for (int n : new int[] {1, 15, 16, 17, 100, 1027}) {
            float[] y = new float[n];
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 7 == 0 ? 0f : (float) (rng.nextDouble() - 0.5);
                d[i] = (float) rng.nextDouble();
            }
            float[][] a = {y.clone(), d.clone()};
            float[][] b = {y.clone(), d.clone()};
            scalar.relu(a[0], 1, n);
            vector.relu(b[0], 1, n);
            assertArrayEquals(a[0], b[0], 0f);
            scalar.reluBackward(y, a[1], 0, n);
            vector.reluBackward(y, b[1], 0, n);
            assertArrayEquals(a[1], b[1], 0f);
            float[] c = y.clone();
            float[] e = y.clone();
            scalar.leakyRelu(c, 0, n, 0.1f);
            vector.leakyRelu(e, 0, n, 0.1f);
            assertArrayEquals(c, e, 0f);
            float[] f = d.clone();
            float[] g = d.clone();
            scalar.leakyReluBackward(y, f, 0, n, 0.1f);
            vector.leakyReluBackward(y, g, 0, n, 0.1f);
            assertArrayEquals(f, g, 0f);
        }
    }

    @Test
    void autoPicksTheFasterBackend() {
        Gemm real = Blas.gemm("ember-vector");
        Gemm slow = new Gemm() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                              int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
                real.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                real.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                try {
                    // twice the work was not enough on a machine at load 20: the sleep keeps it slower however
                    // busy the cores are
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertTrue(Blas.faster(slow, real) == real);
        assertTrue(Blas.faster(real, slow) == real);
    }
}
