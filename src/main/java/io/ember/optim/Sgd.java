package io.ember.optim;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.Setting.Range;
import io.ember.nn.NetworkSpec;
import io.ember.nn.ParamRanges;

/**
 * Stochastic gradient descent with optional momentum, exactly as {@code torch.optim.SGD}
 * (weight decay is Ember's L2, added to the gradient before this step):
 * <pre>
 *   b_1 = g_1;  b_t = mu * b_{t-1} + (1 - dampening) * g_t        (mu != 0)
 *   d_t = g_t + mu * b_t (Nesterov)  or  b_t (classical)  or  g_t (mu == 0)
 *   theta_t = theta_{t-1} - lr * d_t
 * </pre>
 */
public final class Sgd implements Optimizer {
    public static final String KIND = "sgd";

    public static final Setting<Double> MOMENTUM = Setting.real("momentum", "optimizer", "0", Range.closedOpen(0, 1),
            "sgd: momentum factor, in [0, 1)", Sgd.class);
    public static final Setting<Double> DAMPENING = Setting.real("dampening", "optimizer", "0", Range.closed(0, 1),
            "sgd: dampening for momentum, in [0, 1]", Sgd.class);
    public static final Setting<Boolean> NESTEROV = Setting.flag("nesterov", "optimizer", false,
            "sgd: Nesterov momentum", Sgd.class);

    /** SGD as configured, for the trainable layers of {@code spec}. */
    static Optimizer from(Config c, NetworkSpec spec) {
        return new Sgd(spec.parameterCount(), spec.trainableRanges(), momentum(c), (float) (double) c.get(DAMPENING),
                c.get(NESTEROV));
    }

    static float momentum(Config c) {
        return (float) (double) c.get(MOMENTUM);
    }

    static String describe(Config c) {
        return describe(momentum(c), (float) (double) c.get(DAMPENING), c.get(NESTEROV));
    }

    private final float momentum;
    private final float dampening;
    private final boolean nesterov;
    private final ParamRanges trainable;
    private final float[] velocity;
    private long step;

    public Sgd(int parameterCount, ParamRanges trainable, float momentum, float dampening, boolean nesterov) {
        if (!(momentum >= 0f) || !(dampening >= 0f && dampening <= 1f)) {
            throw new IllegalArgumentException("sgd needs momentum >= 0 and dampening in [0, 1], got momentum="
                    + momentum + " dampening=" + dampening);
        }
        if (nesterov && (momentum == 0f || dampening != 0f)) {
            throw new IllegalArgumentException("nesterov momentum requires momentum > 0 and dampening = 0 "
                    + "(as torch.optim.SGD)");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.trainable = trainable;
        this.velocity = momentum == 0f ? new float[0] : new float[parameterCount];
    }

    @Override
    public void step(float[] params, float[] grad, double lr) {
        step++;
        float rate = (float) lr;
        for (int r = 0; r < trainable.count(); r++) {
            for (int i = trainable.from(r); i < trainable.to(r); i++) {
                float g = grad[i];
                if (momentum != 0f) {
                    float b = step == 1 ? g : momentum * velocity[i] + (1f - dampening) * g;
                    velocity[i] = b;
                    g = nesterov ? g + momentum * b : b;
                }
                params[i] -= rate * g;
            }
        }
    }

    @Override
    public long stepCount() {
        return step;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(KIND, step, new float[][] {velocity});
    }

    @Override
    public void restore(OptimizerState s) {
        s.check(KIND, 1, velocity.length);
        System.arraycopy(s.slot(0), 0, velocity, 0, velocity.length);
        step = s.step();
    }

    @Override
    public String toString() {
        return describe(momentum, dampening, nesterov);
    }

    /** What {@link #toString()} prints for these hyper-parameters, without building the optimizer. */
    public static String describe(float momentum, float dampening, boolean nesterov) {
        return momentum == 0f ? "sgd()" : "sgd(momentum=" + momentum + ", dampening=" + dampening
                + ", nesterov=" + nesterov + ")";
    }
}
