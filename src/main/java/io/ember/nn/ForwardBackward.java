package io.ember.nn;

import io.ember.linalg.Gemm;
import io.ember.linalg.Kernels;

import java.util.Arrays;

/**
 * Mini-batch forward and backward passes of a {@link NetworkSpec} over a flat parameter vector.
 * Per layer: {@code V = X W^T + b} (one GEMM), {@code Y = f(V)}, then dropout; backward:
 * {@code dW = dV^T X}, {@code db = colsum(dV)}, {@code dX = dV W}. Allocates nothing per call.
 */
public final class ForwardBackward {
    private final NetworkSpec spec;
    private final Gemm gemm;
    private final DenseLayer[] dense;
    private final int lowestTrainable;

    public ForwardBackward(NetworkSpec spec, Gemm gemm) {
        this.spec = spec;
        this.gemm = gemm;
        this.dense = new DenseLayer[spec.layerCount()];
        for (int l = 0; l < dense.length; l++) {
            dense[l] = new DenseLayer(spec, l);
        }
        int lowest = spec.layerCount();
        for (int l = spec.layerCount() - 1; l >= 0; l--) {
            if (spec.layer(l).trainable()) {
                lowest = l;
            }
        }
        this.lowestTrainable = lowest;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /**
     * Forward and backward over the first {@code rows} rows of {@code ws}, dropout on (masks keyed
     * by {@code dropoutSeed}, {@code step} and the rows' example ids). Overwrites {@code grad} with
     * the gradient of the summed loss, each row weighted by its weight when the workspace is weighted
     * (zero for frozen layers), and returns that summed loss.
     */
    public double lossAndGradient(float[] params, Workspace ws, int rows, float[] grad, long dropoutSeed, long step) {
        checkRows(ws, rows);
        if (rows == 0) {
            Arrays.fill(grad, 0f);
            return 0;
        }
        int last = spec.layerCount() - 1;
        forward(params, ws, rows, true, dropoutSeed, step);
        float[] delta = ws.deltaA;
        float[] spare = ws.deltaB;
        double loss = spec.loss().lossAndDelta(spec.output().activation(), ws.act[last], ws.target, rows,
                spec.outputSize(), delta, ws.weighted ? ws.weights : null);
        Arrays.fill(grad, 0, spec.weightOffset(lowestTrainable), 0f);
        for (int l = last; l >= lowestTrainable; l--) {
            int fanIn = spec.fanIn(l);
            float[] in = layerInput(ws, l, true);
            if (spec.layer(l).trainable()) {
                dense[l].parameterGradient(gemm, delta, in, rows, grad);
            } else {
                Arrays.fill(grad, spec.weightOffset(l), spec.weightOffset(l) + spec.layerParameterCount(l), 0f);
            }
            if (l > lowestTrainable) {
                dense[l].inputGradient(gemm, params, delta, rows, spare);
                if (ws.mask[l - 1] != null) {
                    Kernels.multiply(spare, ws.mask[l - 1], 0, rows * fanIn);
                }
                spec.layer(l - 1).activation().backward(ws.act[l - 1], spare, 0, rows, fanIn);
                float[] t = delta;
                delta = spare;
                spare = t;
            }
        }
        return loss;
    }

    /**
     * Inference over the first {@code rows} rows of {@code ws} (no dropout): outputs land in
     * {@link Workspace#output()}.
     */
    public void predict(float[] params, Workspace ws, int rows) {
        checkRows(ws, rows);
        forward(params, ws, rows, false, 0, 0);
        spec.output().activation().forward(ws.output(), 0, rows, spec.outputSize());
    }

    /**
     * Inference plus the summed loss against {@link Workspace#target()}; outputs land in
     * {@link Workspace#output()}.
     */
    public double predictWithLoss(float[] params, Workspace ws, int rows) {
        checkRows(ws, rows);
        forward(params, ws, rows, false, 0, 0);
        return spec.loss().lossAndDelta(spec.output().activation(), ws.output(), ws.target, rows,
                spec.outputSize(), null, null);
    }

    /** Leaves the output layer's pre-activations in {@code ws.act[last]}. */
    private void forward(float[] p, Workspace ws, int rows, boolean training, long seed, long step) {
        int last = spec.layerCount() - 1;
        for (int l = 0; l <= last; l++) {
            LayerSpec layer = spec.layer(l);
            int units = layer.units();
            float[] out = ws.act[l];
            dense[l].forward(gemm, p, layerInput(ws, l, training), rows, out);
            if (l < last) {
                layer.activation().forward(out, 0, rows, units);
                if (training && layer.dropout() > 0f) {
                    float[] mask = ws.mask[l];
                    for (int r = 0; r < rows; r++) {
                        DropoutMask.fill(mask, r * units, units, layer.dropout(), seed, step, ws.exampleIds[r], l);
                    }
                    Kernels.multiplyInto(out, 0, mask, 0, ws.dropped[l], 0, rows * units);
                }
            }
        }
    }

    private float[] layerInput(Workspace ws, int l, boolean training) {
        if (l == 0) {
            return ws.input;
        }
        return training && ws.dropped[l - 1] != null ? ws.dropped[l - 1] : ws.act[l - 1];
    }

    private void checkRows(Workspace ws, int rows) {
        if (ws.spec() != spec && !ws.spec().equals(spec)) {
            throw new IllegalArgumentException("workspace was built for another network");
        }
        if (rows < 0 || rows > ws.capacity()) {
            throw new IllegalArgumentException("rows " + rows + " outside [0, " + ws.capacity() + "]");
        }
    }
}
