package io.ember;

import io.ember.linalg.Blas;
import io.ember.nn.ForwardBackward;
import io.ember.nn.Workspace;

/**
 * Batched inference with a model's scaling, reusing one workspace: for scoring many rows in one
 * thread (one predictor per thread or partition).
 */
public final class Predictor {
    public static final int CHUNK = 512;

    private final EmberModel model;
    private final ForwardBackward net;
    private final Workspace ws;

    Predictor(EmberModel model, String blas) {
        this.model = model;
        this.net = new ForwardBackward(model.spec(), Blas.gemm(blas));
        this.ws = new Workspace(model.spec(), CHUNK);
    }

    /** Rows that one call to {@link #predict} takes at most. */
    public int capacity() {
        return CHUNK;
    }

    /** The input buffer: fill {@code rows x inputSize} raw (unscaled) features, then call {@link #predict}. */
    public float[] input() {
        return ws.input();
    }

    /** Scales the first {@code rows} inputs and runs the network; returns the outputs buffer (rows x outputs). */
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
