package io.ember;

import io.ember.linalg.Blas;
import io.ember.nn.ForwardBackward;
import io.ember.nn.Workspace;

/**
 * Batched inference with a model's scaling, reusing one workspace: for scoring many rows in one
 * thread (one predictor per thread or partition).
 */
public final class Predictor {
    /** Rows per call to {@link #predict}. */
    public static final int CHUNK = 512;

    private final EmberModel model;
    private final ForwardBackward net;
    private final Workspace ws;

    Predictor(EmberModel model, String blas) {
        this.model = model;
        this.net = new ForwardBackward(model.spec(), Blas.gemm(blas));
        this.ws = new Workspace(model.spec(), CHUNK);
    }

    /**
     * Rows one call to {@link #predict} takes at most.
     *
     * @return the capacity
     */
    public int capacity() {
        return CHUNK;
    }

    /**
     * The input buffer: fill {@code rows x inputSize} raw (unscaled) features row-major, then call
     * {@link #predict}.
     *
     * @return the buffer (not a copy)
     */
    public float[] input() {
        return ws.input();
    }

    /**
     * Scales the first {@code rows} inputs (in place) and runs the network.
     *
     * @param rows rows filled in {@link #input()}, at most {@link #capacity()}
     * @return the outputs buffer, {@code rows x outputs} row-major (class probabilities or values)
     */
    public float[] predict(int rows) {
        int d = model.spec().inputSize();
        if (model.scaler() != null) {
            for (int r = 0; r < rows; r++) {
                model.scaler().apply(ws.input(), r * d);
            }
        }
        net.predict(model.parametersView(), ws, rows);
        return ws.output();
    }
}
