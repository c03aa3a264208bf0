package io.ember.linalg;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every backend against a plain triple loop in double, over shapes that hit every kernel edge. */
class GemmTest {
    private static final int[][] SHAPES = {
            {1, 1, 1}, {6, 32, 5}, {7, 33, 300}, {13, 10, 128}, {5, 3, 17}, {37, 45, 301}, {12, 64, 513}, {2, 95, 9}};

    static Stream<Arguments> cases() {
        List<String> backends = new ArrayList<>(List.of("ember-vector", "netlib-java"));
        if (Blas.nativeAvailable()) {
            backends.add("netlib-native");
        }
        List<Arguments> out = new ArrayList<>();
        for (String b : backends) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    out.add(Arguments.of(b, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3} transA={4} transB={5}")
    @MethodSource("cases")
    void matchesTheDefinition(String backend, int m, int n, int k, boolean transA, boolean transB) {
        Rng rng = new Rng(m * 1000L + n * 10L + k);
        int lda = (transA ? m : k) + 3; // padded strides
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 1;
        int aOff = 5;
        int bOff = 7;
        int cOff = 11;
        float[] a = random(rng, aOff + (transA ? k : m) * lda);
        float[] b = random(rng, bOff + (transB ? n : k) * ldb);
        float[] c = random(rng, cOff + m * ldc);
        float[] expected = c.clone();
        float alpha = 0.75f;
        float beta = 0.5f;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                expected[cOff + i * ldc + j] = (float) (alpha * s + beta * c[cOff + i * ldc + j]);
            }
        }
        float[] actual = c.clone();
        Blas.gemm(backend).sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, actual, cOff, ldc);
        for (int i = 0; i < actual.length; i++) {
            boolean inC = i >= cOff && (i - cOff) % ldc < n && (i - cOff) / ldc < m;
            float tolerance = inC ? 2e-6f * (k + 1) : 0f; // outside C (padding) nothing may change
            assertEquals(expected[i], actual[i], tolerance, "index " + i);
        }
    }

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() - 0.5);
        }
        return x;
    }
}
