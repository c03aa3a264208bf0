package io.ember.nn;

import io.ember.linalg.Gemm;
import io.ember.linalg.Kernels;

/**
 * One dense layer as a view of the flat parameter vector: weights {@code W[units][fanIn]} from
 * {@link #weightOffset}, biases {@code b[units]} from {@link #biasOffset}. Its three products are
 * the layer's math: forward {@code V = X W^T + b}, the parameter gradient {@code dW = dV^T X},
 * {@code db = colsum(dV)}, and the input gradient {@code dX = dV W}. Shapes are checked here, at the
 * layer's boundary, so the GEMM kernels below stay unchecked and fast. Buffers may be larger than
 * the rows used (workspaces are sized for the largest batch).
 */
final class DenseLayer {
    final int fanIn;
    final int units;
    final int weightOffset;
    final int biasOffset;
    private final int end;

    DenseLayer(NetworkSpec spec, int l) {
        this.fanIn = spec.fanIn(l);
        this.units = spec.layer(l).units();
        this.weightOffset = spec.weightOffset(l);
        this.biasOffset = spec.biasOffset(l);
        this.end = biasOffset + units;
    }

    /** Modifies {@code out}: its first {@code rows x units} values become {@code in W^T + b}. */
    void forward(Gemm gemm, float[] params, float[] in, int rows, float[] out) {
        check(params, in, rows * fanIn, out, rows * units);
        gemm.sgemm(false, true, rows, units, fanIn, 1f, in, 0, fanIn, params, weightOffset, fanIn, 0f, out, 0, units);
        Kernels.addBiasRows(out, 0, rows, units, params, biasOffset);
    }

    /** Modifies {@code grad} (this layer's range only): {@code dW = delta^T in}, {@code db = colsum(delta)}. */
    void parameterGradient(Gemm gemm, float[] delta, float[] in, int rows, float[] grad) {
        check(grad, delta, rows * units, in, rows * fanIn);
        gemm.sgemm(true, false, units, fanIn, rows, 1f, delta, 0, units, in, 0, fanIn, 0f, grad, weightOffset, fanIn);
        Kernels.columnSums(delta, 0, rows, units, grad, biasOffset);
    }

    /** Modifies {@code dIn}: its first {@code rows x fanIn} values become {@code delta W}. */
    void inputGradient(Gemm gemm, float[] params, float[] delta, int rows, float[] dIn) {
        check(params, delta, rows * units, dIn, rows * fanIn);
        gemm.sgemm(false, false, rows, fanIn, units, 1f, delta, 0, units, params, weightOffset, fanIn, 0f, dIn, 0,
                fanIn);
    }

    private void check(float[] params, float[] a, int aNeeds, float[] b, int bNeeds) {
        if (params.length < end || a.length < aNeeds || b.length < bNeeds) {
            throw new IllegalArgumentException("dense layer " + fanIn + " -> " + units + ": buffers of " + params.length
                    + ", " + a.length + " and " + b.length + " floats, needs " + end + ", " + aNeeds + " and " + bNeeds);
        }
    }
}
