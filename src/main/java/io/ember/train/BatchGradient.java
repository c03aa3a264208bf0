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

    /**
     * The answer of a partition whose cached training block is gone (its executor died): no
     * gradient, and a count of -1 that the driver recognizes to recompute the block and repeat the
     * step. A typed answer rather than an exception, so Spark neither logs a task failure nor
     * spends a task retry on it.
     */
    public static BatchGradient missingBlock() {
        return new BatchGradient(new float[0], 0, -1, 0);
    }

    /** True for {@link #missingBlock()}'s answer. */
    public boolean isMissingBlock() {
        return count < 0;
    }
}
