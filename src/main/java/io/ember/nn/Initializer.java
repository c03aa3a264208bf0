package io.ember.nn;

import io.ember.linalg.Rng;

/**
 * Seeded weight initialization: He (Kaiming) normal for the ReLU family, Glorot (Xavier)
 * uniform for the others; biases start at zero.
 */
public final class Initializer {
    private Initializer() {
    }

    /** A new parameter vector for {@code spec}, a pure function of {@code seed}. */
    public static float[] initialize(NetworkSpec spec, long seed) {
        float[] p = new float[spec.parameterCount()];
        for (int l = 0; l < spec.layerCount(); l++) {
            LayerSpec layer = spec.layer(l);
            int fanIn = spec.fanIn(l);
            int fanOut = layer.units();
            Rng rng = Rng.keyed(seed, l);
            int off = spec.weightOffset(l);
            int n = fanIn * fanOut;
            if (layer.activation().reluFamily()) {
                // kaiming_normal_(mode='fan_in'): std = gain / sqrt(fanIn), gain^2 = 2 / (1 + slope^2)
                float slope = layer.activation().kind() == Activation.Kind.LEAKY_RELU ? layer.activation().param() : 0f;
                double std = Math.sqrt(2.0 / (1.0 + slope * slope) / fanIn);
                for (int i = 0; i < n; i++) {
                    p[off + i] = (float) (rng.nextGaussian() * std);
                }
            } else {
                // xavier_uniform_: U(-a, a), a = sqrt(6 / (fanIn + fanOut))
                double a = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < n; i++) {
                    p[off + i] = (float) ((2 * rng.nextDouble() - 1) * a);
                }
            }
        }
        return p;
    }
}
