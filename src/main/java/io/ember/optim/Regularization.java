package io.ember.optim;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.Setting.Range;
import io.ember.nn.NetworkSpec;
import io.ember.nn.ParamRanges;

/**
 * Coupled L1/L2 regularization on the decayed ranges (weights of trainable layers, biases
 * too when asked): adds {@code l2 * w + l1 * sign(w)} to the mean gradient, the gradient of the
 * penalty {@code l2/2 * ||w||^2 + l1 * ||w||_1}. With {@code l1 = 0} this is PyTorch's
 * {@code weight_decay} argument of SGD and Adam.
 */
public final class Regularization {
    public static final Setting<Double> L1 = Setting.real("l1", "optimizer", "0", Range.atLeast(0),
            "L1 penalty: adds l1 * sign(w) to the gradient of each weight", Regularization.class);
    public static final Setting<Double> L2 = Setting.real("l2", "optimizer", "0", Range.atLeast(0),
            "L2 penalty: adds l2 * w to the gradient of each weight (PyTorch's weight_decay)", Regularization.class);
    public static final Setting<Boolean> DECAY_BIAS = Setting.flag("decay-bias", "optimizer", false,
            "apply l1, l2 and adamw decay to biases too", Regularization.class);

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

    /** The configured penalties on the decayed parameters of {@code spec}. */
    public static Regularization of(Config c, NetworkSpec spec) {
        return new Regularization((float) (double) c.get(L1), (float) (double) c.get(L2),
                spec.decayRanges(c.get(DECAY_BIAS)));
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

    @Override
    public String toString() {
        return "regularization(l1=" + l1 + ", l2=" + l2 + ", ranges=" + decayed + ")";
    }
}
