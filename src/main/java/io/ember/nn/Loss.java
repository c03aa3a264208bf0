package io.ember.nn;

import java.util.Locale;

/**
 * Training losses, each fused with the output activation where the math simplifies.
 * Every method returns the loss summed over the rows and writes dLoss/dv (v = output
 * pre-activations) summed the same way; the caller divides by the global example count.
 */
public enum Loss {
    /** Per example sum over outputs of (y - t)^2, with any differentiable output activation. */
    SQUARED_ERROR("squared_error", "mse"),
    /** -[t log y + (1-t) log(1-y)] summed over sigmoid outputs; computed from logits. */
    BINARY_CROSS_ENTROPY("binary_cross_entropy", "bce"),
    /** -sum_k t_k log softmax(v)_k, targets a probability vector (one-hot for classes). */
    CROSS_ENTROPY("cross_entropy", "ce");

    private final String canonical;
    private final String alias;

    Loss(String canonical, String alias) {
        this.canonical = canonical;
        this.alias = alias;
    }

    public static Loss parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Loss l : values()) {
            if (l.canonical.equals(t) || l.alias.equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + text
                + "'; expected squared_error (mse), binary_cross_entropy (bce) or cross_entropy (ce)");
    }

    /** Null if this loss can be trained on top of {@code output}, else the reason why not. */
    public String incompatibility(Activation output) {
        if (!output.differentiable()) {
            return "the threshold unit has no useful derivative, so back-propagation cannot go through it; "
                    + "train with a tanh or identity output and use threshold only for prediction";
        }
        switch (this) {
            case BINARY_CROSS_ENTROPY:
                return output.kind() == Activation.Kind.SIGMOID ? null
                        : "binary_cross_entropy needs a sigmoid output layer, not " + output;
            case CROSS_ENTROPY:
                return output.kind() == Activation.Kind.SOFTMAX ? null
                        : "cross_entropy needs a softmax output layer, not " + output;
            default:
                return null;
        }
    }

    /**
     * Modifies {@code v} (pre-activations in, outputs y out) and {@code delta} (dLoss/dv out;
     * pass null to evaluate the loss only). Returns the loss summed over {@code rows}, each row's
     * loss (and its delta) multiplied by its weight in {@code weights} (null: every row weighs 1).
     * Stable for |v| up to at least 1e4.
     */
    public double lossAndDelta(Activation output, float[] v, float[] t, int rows, int cols, float[] delta,
                               float[] weights) {
        switch (this) {
            case SQUARED_ERROR: {
                output.forward(v, 0, rows, cols);
                double loss = 0;
                for (int r = 0; r < rows; r++) {
                    float w = weights == null ? 1f : weights[r];
                    for (int i = r * cols; i < (r + 1) * cols; i++) {
                        float d = v[i] - t[i];
                        loss += w * ((double) d * d);
                        if (delta != null) {
                            delta[i] = w * (2f * d);
                        }
                    }
                }
                if (delta != null) {
                    output.backward(v, delta, 0, rows, cols);
                }
                return loss;
            }
            case BINARY_CROSS_ENTROPY: {
                double loss = 0;
                for (int r = 0; r < rows; r++) {
                    float w = weights == null ? 1f : weights[r];
                    for (int i = r * cols; i < (r + 1) * cols; i++) {
                        double z = v[i];
                        // softplus(z) - t z, with softplus(z) = max(z, 0) + log1p(exp(-|z|))
                        loss += w * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - t[i] * z);
                        v[i] = Activation.sigmoid(v[i]);
                        if (delta != null) {
                            delta[i] = w * (v[i] - t[i]);
                        }
                    }
                }
                return loss;
            }
            case CROSS_ENTROPY: {
                double loss = 0;
                for (int r = 0; r < rows; r++) {
                    float w = weights == null ? 1f : weights[r];
                    int base = r * cols;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < cols; j++) {
                        max = Math.max(max, v[base + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < cols; j++) {
                        sum += Math.exp(v[base + j] - max);
                    }
                    double logSumExp = max + Math.log(sum);
                    for (int j = 0; j < cols; j++) {
                        int i = base + j;
                        double logP = v[i] - logSumExp;
                        if (t[i] != 0f) {
                            loss -= w * (t[i] * logP);
                        }
                        v[i] = (float) Math.exp(logP);
                        if (delta != null) {
                            delta[i] = w * (v[i] - t[i]);
                        }
                    }
                }
                return loss;
            }
            default:
                throw new AssertionError(this);
        }
    }

    @Override
    public String toString() {
        return canonical;
    }
}
