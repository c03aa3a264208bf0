package io.ember.linalg;

/**
 * A float32 matrix-multiply backend on row-major arrays with offsets:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose.
 * op(A) is m x k, op(B) is k x n, C is m x n; {@code lda, ldb, ldc} are the row strides of the
 * arrays as stored. Only {@code c} is modified.
 */
public interface Gemm {

    /** Short name printed in logs and benchmark reports, e.g. {@code ember-vector(512-bit)} or {@code netlib-native}. */
    String name();

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);
}
