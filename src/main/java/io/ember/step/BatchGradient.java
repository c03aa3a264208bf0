package io.ember.step;

import java.io.Serializable;

/**
 * The summed gradient of one step's examples, their summed loss, count and summed weight, and the
 * time spent computing it (inside tasks, for the Spark trainer). The driver divides by
 * {@link #weight}: the weighted mean over the batch.
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
    /** The examples' summed weight: the count when every example weighs 1. Gradient and loss are weighted sums. */
    public double weight;
    public long computeNanos;

    public BatchGradient() {
    }

    public BatchGradient(float[] gradient, double lossSum, long count, long computeNanos) {
        this(gradient, lossSum, count, count, computeNanos);
    }

    public BatchGradient(float[] gradient, double lossSum, long count, double weight, long computeNanos) {
        this.gradient = gradient;
        this.lossSum = lossSum;
        this.count = count;
        this.weight = weight;
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
