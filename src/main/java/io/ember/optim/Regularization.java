package io.ember.optim;

import io.ember.nn.ParamRanges;

/**
 * Coupled L1/L2 regularization on the decayed ranges (weights of trainable layers, biases
 * too when asked): adds {@code l2 * w + l1 * sign(w)} to the mean gradient, the gradient of the
 * penalty {@code l2/2 * ||w||^2 + l1 * ||w||_1}. With {@code l1 = 0} this is PyTorch's
 * {@code weight_decay} argument of SGD and Adam.
 */
public final class Regularization {
    private final float l1;
    private final float l2;
    private final ParamRanges decayed;

    public Regularization(float l1, float l2, ParamRanges decayed) {
        if (!(l1 >= 0f) || !(l2 >= 0f)) {
            throw new IllegalArgumentException("l1 and l2 must be >= 0, got l1=" + l1 + " l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
        this.decayed = decayed;
    }

    public boolean active() {
        return l1 != 0f || l2 != 0f;
    }

    /** Modifies {@code grad}: adds the penalty's gradient at {@code params}. */
    public void addGradient(float[] params, float[] grad) {
        if (!active()) {
            return;
        }
        for (int r = 0; r < decayed.count(); r++) {
            for (int i = decayed.from(r); i < decayed.to(r); i++) {
                float w = params[i];
                grad[i] += l2 * w + l1 * Math.signum(w);
            }
        }
    }

    /** The penalty {@code l2/2 * ||w||^2 + l1 * ||w||_1} at {@code params}. */
    public double penalty(float[] params) {
        if (!active()) {
            return 0;
        }
        double sq = 0;
        double abs = 0;
        for (int r = 0; r < decayed.count(); r++) {
            for (int i = decayed.from(r); i < decayed.to(r); i++) {
                sq += (double) params[i] * params[i];
                abs += Math.abs(params[i]);
            }
        }
        return 0.5 * l2 * sq + l1 * abs;
    }

    @Override
    public String toString() {
        return "regularization(l1=" + l1 + ", l2=" + l2 + ", ranges=" + decayed + ")";
    }
}
