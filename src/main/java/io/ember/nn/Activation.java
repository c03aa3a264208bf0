package io.ember.nn;

import io.ember.linalg.Elementwise;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An activation function with its parameter (leaky ReLU slope, threshold level).
 * Kernels work in place on row-major blocks; derivatives are computed from the outputs y,
 * which is exact for every differentiable kind here.
 */
public final class Activation implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind { IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTMAX, THRESHOLD }

    public static final float DEFAULT_LEAKY_SLOPE = 0.01f;
    private static final Pattern SYNTAX = Pattern.compile("([a-z_]+)(?:\\(([^)]*)\\))?");

    private final Kind kind;
    private final float param;

    private Activation(Kind kind, float param) {
        this.kind = kind;
        this.param = param;
    }

    public static Activation of(Kind kind) {
        switch (kind) {
            case LEAKY_RELU: return new Activation(kind, DEFAULT_LEAKY_SLOPE);
            case THRESHOLD: return new Activation(kind, 0f);
            default: return new Activation(kind, 0f);
        }
    }

    /** Leaky ReLU with negative slope {@code slope} in [0, 1). */
    public static Activation leakyRelu(float slope) {
        if (!(slope >= 0f && slope < 1f)) {
            throw new IllegalArgumentException("leaky_relu slope must be in [0, 1), got " + slope);
        }
        return new Activation(Kind.LEAKY_RELU, slope);
    }

    /** Threshold unit: +1 when v > level, else -1. */
    public static Activation threshold(float level) {
        if (!Float.isFinite(level)) {
            throw new IllegalArgumentException("threshold level must be finite, got " + level);
        }
        return new Activation(Kind.THRESHOLD, level);
    }

    /**
     * Parses {@code identity, sigmoid, tanh, relu, leaky_relu, leaky_relu(0.1), softmax, threshold,
     * threshold(0.5)}; the error names the text and the accepted forms.
     */
    public static Activation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SYNTAX.matcher(t);
        Kind kind = null;
        if (m.matches()) {
            for (Kind k : Kind.values()) {
                if (k.name().toLowerCase(Locale.ROOT).equals(m.group(1))) {
                    kind = k;
                }
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown activation '" + text + "'; expected one of identity, sigmoid, "
                    + "tanh, relu, leaky_relu[(slope)], softmax, threshold[(level)]");
        }
        String arg = m.group(2);
        if (arg == null) {
            return of(kind);
        }
        float value;
        try {
            value = Float.parseFloat(arg.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("activation '" + text + "': '" + arg + "' is not a number");
        }
        switch (kind) {
            case LEAKY_RELU: return leakyRelu(value);
            case THRESHOLD: return threshold(value);
            default: throw new IllegalArgumentException("activation '" + text + "' takes no parameter");
        }
    }

    public Kind kind() {
        return kind;
    }

    public float param() {
        return param;
    }

    /** False only for the threshold unit, whose derivative is zero almost everywhere. */
    public boolean differentiable() {
        return kind != Kind.THRESHOLD;
    }

    /** True for kinds that act on a whole row (softmax) or are meant for the output only (threshold). */
    public boolean outputOnly() {
        return kind == Kind.SOFTMAX || kind == Kind.THRESHOLD;
    }

    /** True when He initialization fits (ReLU family); otherwise Glorot. */
    public boolean reluFamily() {
        return kind == Kind.RELU || kind == Kind.LEAKY_RELU;
    }

    /** Modifies {@code x}: applies the activation in place to {@code rows x cols} values at {@code off}. */
    public void forward(float[] x, int off, int rows, int cols) {
        int end = off + rows * cols;
        switch (kind) {
            case IDENTITY:
                return;
            case SIGMOID:
                for (int i = off; i < end; i++) {
                    x[i] = sigmoid(x[i]);
                }
                return;
            case TANH:
                for (int i = off; i < end; i++) {
                    x[i] = (float) Math.tanh(x[i]);
                }
                return;
            case RELU:
                Elementwise.get().relu(x, off, end);
                return;
            case LEAKY_RELU:
                Elementwise.get().leakyRelu(x, off, end, param);
                return;
            case SOFTMAX:
                for (int r = 0; r < rows; r++) {
                    softmaxRow(x, off + r * cols, cols);
                }
                return;
            case THRESHOLD:
                for (int i = off; i < end; i++) {
                    x[i] = x[i] > param ? 1f : -1f;
                }
                return;
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Modifies {@code delta}: turns dL/dy into dL/dv given the outputs {@code y} (same offsets).
     * For softmax this is the Jacobian-vector product {@code y * (delta - <delta, y>)} per row.
     */
    public void backward(float[] y, float[] delta, int off, int rows, int cols) {
        int end = off + rows * cols;
        switch (kind) {
            case IDENTITY:
                return;
            case SIGMOID:
                for (int i = off; i < end; i++) {
                    delta[i] *= y[i] * (1f - y[i]);
                }
                return;
            case TANH:
                for (int i = off; i < end; i++) {
                    delta[i] *= 1f - y[i] * y[i];
                }
                return;
            case RELU:
                Elementwise.get().reluBackward(y, delta, off, end);
                return;
            case LEAKY_RELU:
                Elementwise.get().leakyReluBackward(y, delta, off, end, param);
                return;
            case SOFTMAX:
                for (int r = 0; r < rows; r++) {
                    int base = off + r * cols;
                    double dot = 0;
                    for (int j = 0; j < cols; j++) {
                        dot += (double) delta[base + j] * y[base + j];
                    }
                    for (int j = 0; j < cols; j++) {
                        delta[base + j] = y[base + j] * (float) (delta[base + j] - dot);
                    }
                }
                return;
            case THRESHOLD:
                throw new IllegalStateException("the threshold unit has no useful derivative: "
                        + "back-propagation cannot go through it");
            default:
                throw new AssertionError(kind);
        }
    }

    /** Numerically stable logistic function. */
    static float sigmoid(float v) {
        if (v >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        double e = Math.exp(v);
        return (float) (e / (1.0 + e));
    }

    /** Modifies {@code x}: stable softmax of one row (max subtracted before exp). */
    static void softmaxRow(float[] x, int base, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[base + j]);
        }
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            float e = (float) Math.exp(x[base + j] - max);
            x[base + j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < cols; j++) {
            x[base + j] *= inv;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation && ((Activation) o).kind == kind
                && Float.compare(((Activation) o).param, param) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, param);
    }

    /** Canonical text, parseable by {@link #parse}. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind == Kind.LEAKY_RELU || kind == Kind.THRESHOLD ? name + "(" + param + ")" : name;
    }
}
