package io.ember.optim;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.Setting.Range;
import io.ember.nn.NetworkSpec;
import io.ember.nn.ParamRanges;

/**
 * Adam, and AdamW when {@code weightDecay > 0} with decoupled decay, exactly as
 * {@code torch.optim.Adam} / {@code torch.optim.AdamW} (amsgrad off):
 * <pre>
 *   theta = theta * (1 - lr * weightDecay)                        (AdamW only, decayed ranges)
 *   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
 *   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
 *   theta = theta - (lr / (1 - beta1^t)) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Plain Adam's coupled weight decay is Ember's L2, added to the gradient before this step.
 */
public final class Adam implements Optimizer {
    public static final String KIND = "adam";
    public static final String KIND_W = "adamw";

    public static final Setting<Double> BETA1 = Setting.real("beta1", "optimizer", "0.9", Range.closedOpen(0, 1),
            "adam/adamw: first-moment decay, in [0, 1)", Adam.class);
    public static final Setting<Double> BETA2 = Setting.real("beta2", "optimizer", "0.999", Range.closedOpen(0, 1),
            "adam/adamw: second-moment decay, in [0, 1)", Adam.class);
    public static final Setting<Double> EPS = Setting.real("eps", "optimizer", "1e-8", Range.positive(),
            "adam/adamw: term added to the denominator, > 0", Adam.class);
    public static final Setting<Double> WEIGHT_DECAY = Setting.real("weight-decay", "optimizer", "0.01",
            Range.atLeast(0), "adamw: decoupled weight decay, >= 0 with lr x weight-decay < 1 (use l2 for sgd and "
                    + "adam)", Adam.class);

    /** Adam as configured, for the trainable layers of {@code spec}. */
    static Optimizer from(Config c, NetworkSpec spec) {
        return new Adam(spec.parameterCount(), spec.trainableRanges(), f(c, BETA1), f(c, BETA2), f(c, EPS));
    }

    /** AdamW as configured: decoupled decay on the weights (and with decay-bias, the biases) of trainable layers. */
    static Optimizer adamWFrom(Config c, NetworkSpec spec) {
        return adamW(spec.parameterCount(), spec.trainableRanges(), spec.decayRanges(c.get(Regularization.DECAY_BIAS)),
                f(c, BETA1), f(c, BETA2), f(c, EPS), f(c, WEIGHT_DECAY));
    }

    static String describe(Config c, boolean decoupled) {
        return describe(decoupled, f(c, BETA1), f(c, BETA2), f(c, EPS), f(c, WEIGHT_DECAY));
    }

    private static float f(Config c, Setting<Double> s) {
        return (float) (double) c.get(s);
    }

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final ParamRanges trainable;
    private final ParamRanges decayed;
    private final float[] m;
    private final float[] v;
    private long step;

    /** Plain Adam. */
    public Adam(int parameterCount, ParamRanges trainable, float beta1, float beta2, float eps) {
        this(parameterCount, trainable, ParamRanges.all(0), beta1, beta2, eps, 0f, false);
    }

    /** AdamW: decoupled weight decay {@code weightDecay} on the {@code decayed} ranges. */
    public static Adam adamW(int parameterCount, ParamRanges trainable, ParamRanges decayed, float beta1, float beta2,
                             float eps, float weightDecay) {
        return new Adam(parameterCount, trainable, decayed, beta1, beta2, eps, weightDecay, true);
    }

    private Adam(int parameterCount, ParamRanges trainable, ParamRanges decayed, float beta1, float beta2, float eps,
                 float weightDecay, boolean decoupled) {
        if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f)) {
            throw new IllegalArgumentException("adam needs beta1 and beta2 in [0, 1), got beta1=" + beta1
                    + " beta2=" + beta2);
        }
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("adam needs eps > 0, got " + eps);
        }
        if (!(weightDecay >= 0f)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.trainable = trainable;
        this.decayed = decayed;
        this.m = new float[parameterCount];
        this.v = new float[parameterCount];
    }

    @Override
    public void step(float[] params, float[] grad, double lr) {
        step++;
        if (decoupled && weightDecay != 0f) {
            float keep = (float) (1.0 - lr * weightDecay);
            for (int r = 0; r < decayed.count(); r++) {
                for (int i = decayed.from(r); i < decayed.to(r); i++) {
                    params[i] *= keep;
                }
            }
        }
        double bc1 = 1.0 - Math.pow(beta1, step);
        double bc2 = 1.0 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        for (int r = 0; r < trainable.count(); r++) {
            for (int i = trainable.from(r); i < trainable.to(r); i++) {
                float g = grad[i];
                float mi = m[i] + oneMinusBeta1 * (g - m[i]);
                float vi = beta2 * v[i] + oneMinusBeta2 * g * g;
                m[i] = mi;
                v[i] = vi;
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
                params[i] -= stepSize * mi / denom;
            }
        }
    }

    @Override
    public long stepCount() {
        return step;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(decoupled ? KIND_W : KIND, step, new float[][] {m, v});
    }

    @Override
    public void restore(OptimizerState s) {
        s.check(decoupled ? KIND_W : KIND, 2, m.length);
        System.arraycopy(s.slot(0), 0, m, 0, m.length);
        System.arraycopy(s.slot(1), 0, v, 0, v.length);
        step = s.step();
    }

    @Override
    public String toString() {
        return describe(decoupled, beta1, beta2, eps, weightDecay);
    }

    /** What {@link #toString()} prints for these hyper-parameters, without allocating the moments. */
    public static String describe(boolean decoupled, float beta1, float beta2, float eps, float weightDecay) {
        return (decoupled ? KIND_W : KIND) + "(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps
                + (decoupled ? ", weight_decay=" + weightDecay : "") + ")";
    }
}
