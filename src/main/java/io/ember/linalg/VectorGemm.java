package io.ember.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Ember's own float32 GEMM on the JDK Vector API: a register-blocked outer-product micro-kernel
 * (6 rows x 2 vectors of C held in registers, one FMA per loaded B vector and broadcast A value)
 * over K-blocks that keep a B panel in L1. op(A) may be transposed for free (it is read as
 * scalars through strides); a transposed B is first copied, transposed, into a per-thread
 * scratch buffer, except for narrow outputs, which take vectorized dot products instead.
 * Allocates nothing once a thread's scratch has grown to size.
 */
final class VectorGemm implements Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 6;
    private static final int NR = 2 * L;
    private static final int KC = 256;

    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[1][0]);

    @Override
    public String name() {
        return "ember-vector(" + S.vectorBitSize() + "-bit)";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        if (transB && !transA && n < NR) {
            // Narrow outputs (e.g. 10 classes): dot products along contiguous rows beat a transpose.
            scaleC(m, n, beta, c, cOff, ldc);
            dotProducts(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        // The kernels compute C += A B; alpha is applied around them: C = alpha (beta/alpha C + A B).
        scaleC(m, n, beta / alpha, c, cOff, ldc);
        if (transB) {
            float[] t = transposeIntoScratch(b, bOff, ldb, n, k);
            b = t;
            bOff = 0;
            ldb = n;
        }
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            int aBase = aOff + p0 * aCol;
            int bBase = bOff + p0 * ldb;
            int j = 0;
            for (; j + NR <= n; j += NR) {
                int i = 0;
                for (; i + MR <= m; i += MR) {
                    kernel6x2(kc, a, aBase + i * aRow, aRow, aCol, b, bBase + j, ldb, c, cOff + i * ldc + j, ldc);
                }
                for (; i < m; i++) {
                    kernel1x2(kc, a, aBase + i * aRow, aCol, b, bBase + j, ldb, c, cOff + i * ldc + j);
                }
            }
            for (; j + L <= n; j += L) {
                for (int i = 0; i < m; i++) {
                    kernel1x1(kc, a, aBase + i * aRow, aCol, b, bBase + j, ldb, c, cOff + i * ldc + j);
                }
            }
            if (j < n) {
                scalarTail(m, n, j, kc, a, aBase, aRow, aCol, b, bBase, ldb, c, cOff, ldc);
            }
        }
        scaleC(m, n, alpha, c, cOff, ldc);
    }

    /**
     * C[6 x 2L] += A[6 x kc] B[kc x 2L], all twelve accumulators in registers. Kept small enough
     * for C2 to inline every Vector API call (a call left out-of-line boxes its vectors).
     */
    private static void kernel6x2(int kc, float[] a, int ai, int aRow, int aCol,
                                  float[] b, int bj, int ldb, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int a0 = ai;
        int a1 = ai + aRow;
        int a2 = ai + 2 * aRow;
        int a3 = ai + 3 * aRow;
        int a4 = ai + 4 * aRow;
        int a5 = ai + 5 * aRow;
        int bp = bj;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            a0 += aCol;
            a1 += aCol;
            a2 += aCol;
            a3 += aCol;
            a4 += aCol;
            a5 += aCol;
            bp += ldb;
        }
        c00.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c01.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        ci += ldc;
        c10.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c11.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        ci += ldc;
        c20.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c21.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        ci += ldc;
        c30.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c31.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        ci += ldc;
        c40.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c41.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        ci += ldc;
        c50.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c51.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
    }

    private static void kernel1x2(int kc, float[] a, int ai, int aCol,
                                  float[] b, int bj, int ldb, float[] c, int ci) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aCol]);
            int bp = bj + p * ldb;
            c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
        }
        c0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c1.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
    }

    private static void kernel1x1(int kc, float[] a, int ai, int aCol,
                                  float[] b, int bj, int ldb, float[] c, int ci) {
        FloatVector c0 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            c0 = FloatVector.broadcast(S, a[ai + p * aCol]).fma(FloatVector.fromArray(S, b, bj + p * ldb), c0);
        }
        c0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
    }

    private static void scalarTail(int m, int n, int j0, int kc, float[] a, int aBase, int aRow,
                                   int aCol, float[] b, int bBase, int ldb, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = j0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < kc; p++) {
                    s += a[aBase + i * aRow + p * aCol] * b[bBase + p * ldb + j];
                }
                c[cOff + i * ldc + j] += s;
            }
        }
    }

    /** C[i][j] += alpha * dot(A row i, B row j) for row-major A (m x k) and B (n x k). */
    private static void dotProducts(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                    float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int kv = k - k % L;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = bOff + j * ldb;
                FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += L) {
                    FloatVector x = FloatVector.fromArray(S, a, ai + p);
                    s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, b0 + ldb + p), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, b0 + 2 * ldb + p), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, b0 + 3 * ldb + p), s3);
                }
                float d0 = s0.reduceLanes(VectorOperators.ADD);
                float d1 = s1.reduceLanes(VectorOperators.ADD);
                float d2 = s2.reduceLanes(VectorOperators.ADD);
                float d3 = s3.reduceLanes(VectorOperators.ADD);
                for (int p = kv; p < k; p++) {
                    float x = a[ai + p];
                    d0 += x * b[b0 + p];
                    d1 += x * b[b0 + ldb + p];
                    d2 += x * b[b0 + 2 * ldb + p];
                    d3 += x * b[b0 + 3 * ldb + p];
                }
                int ci = cOff + i * ldc + j;
                c[ci] += alpha * d0;
                c[ci + 1] += alpha * d1;
                c[ci + 2] += alpha * d2;
                c[ci + 3] += alpha * d3;
            }
            for (; j < n; j++) {
                int bj = bOff + j * ldb;
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += L) {
                    s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bj + p), s0);
                }
                float d = s0.reduceLanes(VectorOperators.ADD);
                for (int p = kv; p < k; p++) {
                    d += a[ai + p] * b[bj + p];
                }
                c[cOff + i * ldc + j] += alpha * d;
            }
        }
    }

    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    /** B is n x k (row stride ldb); returns a thread-local k x n copy of its transpose. */
    private float[] transposeIntoScratch(float[] b, int bOff, int ldb, int n, int k) {
        float[][] holder = scratch.get();
        if (holder[0].length < n * k) {
            holder[0] = new float[n * k];
        }
        float[] t = holder[0];
        final int tile = 32;
        for (int j0 = 0; j0 < n; j0 += tile) {
            int j1 = Math.min(n, j0 + tile);
            for (int p0 = 0; p0 < k; p0 += tile) {
                int p1 = Math.min(k, p0 + tile);
                for (int j = j0; j < j1; j++) {
                    int src = bOff + j * ldb;
                    for (int p = p0; p < p1; p++) {
                        t[p * n + j] = b[src + p];
                    }
                }
            }
        }
        return t;
    }
}
