package io.ember.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Adapter from Ember's row-major convention to netlib's column-major {@code sgemm}.
 * A row-major matrix is the column-major view of its transpose, so row-major
 * {@code C = op(A) op(B)} is column-major {@code C^T = op(B)^T op(A)^T}: swap the operands.
 */
final class NetlibGemm implements Gemm {
    private final BLAS blas;
    private final String name;

    NetlibGemm(BLAS blas, String name) {
        this.blas = blas;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }
}
