package io.ember.data;

import io.ember.nn.Activation;

import java.io.Serializable;

/**
 * How labels become target vectors and outputs become predictions.
 * Classification with K classes: K output units get one-hot targets, or a single unit gets
 * {@code on} for class 1 and {@code off} for class 0; {@code off} is 0 for outputs in [0, 1]
 * (sigmoid, softmax, relu) and -1 for tanh, identity, leaky ReLU and threshold outputs.
 * A class is predicted by argmax, or for one unit by comparing with (on + off) / 2.
 * Regression targets are the label values themselves.
 */
public final class TargetEncoding implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int classes;
    private final int units;
    private final float off;
    private final float on;

    private TargetEncoding(int classes, int units, float off, float on) {
        this.classes = classes;
        this.units = units;
        this.off = off;
        this.on = on;
    }

    public static TargetEncoding classification(int classes, int units, Activation output) {
        if (classes < 2 || !(units == classes || (units == 1 && classes == 2))) {
            throw new IllegalArgumentException(classes + " classes cannot be encoded on " + units + " output units");
        }
        boolean unitInterval = output.kind() == Activation.Kind.SIGMOID || output.kind() == Activation.Kind.SOFTMAX
                || output.kind() == Activation.Kind.RELU;
        return new TargetEncoding(classes, units, unitInterval ? 0f : -1f, 1f);
    }

    public static TargetEncoding regression(int outputs) {
        return new TargetEncoding(0, outputs, 0f, 0f);
    }

    public boolean isClassification() {
        return classes > 0;
    }

    public int classes() {
        return classes;
    }

    /** Width of a target vector (the output units). */
    public int units() {
        return units;
    }

    /** Modifies {@code t[off .. off+units)}: the target vector of class {@code cls}. */
    public void encodeClass(int cls, float[] t, int offset) {
        if (units == 1) {
            t[offset] = cls == 1 ? on : off;
            return;
        }
        for (int j = 0; j < units; j++) {
            t[offset + j] = j == cls ? on : off;
        }
    }

    /** The class predicted by outputs {@code out[offset .. offset+units)}. */
    public int decodeClass(float[] out, int offset) {
        if (units == 1) {
            return out[offset] > (on + off) / 2 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < units; j++) {
            if (out[offset + j] > out[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Modifies {@code probs[0 .. classes)}: class probabilities from outputs (softmax outputs as
     * they are; one sigmoid unit p as [1-p, p]; other outputs as they are).
     */
    public void classScores(float[] out, int offset, float[] probs) {
        if (units == 1) {
            float p = (out[offset] - off) / (on - off);
            probs[0] = 1f - p;
            probs[1] = p;
            return;
        }
        System.arraycopy(out, offset, probs, 0, units);
    }
}
