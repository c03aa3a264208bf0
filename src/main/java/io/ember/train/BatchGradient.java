package io.ember.train;

import java.io.Serializable;

/**
 * The summed gradient of one step's examples, their summed loss and count, and the time spent
 * computing it (inside tasks, for the Spark trainer). The driver divides by {@link #count}.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public final class BatchGradient implements Serializable {
    private static final long serialVersionUID = 1L;

    public float[] gradient;
    public double lossSum;
    public long count;
    public long computeNanos;

    public BatchGradient() {
    }

    public BatchGradient(float[] gradient, double lossSum, long count, long computeNanos) {
        this.gradient = gradient;
        this.lossSum = lossSum;
        this.count = count;
        this.computeNanos = computeNanos;
    }
}
