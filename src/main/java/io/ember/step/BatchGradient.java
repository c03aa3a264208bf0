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
    /**
     * The first weight matrix's gradient in the input columns the batch touched (ascending), or null:
     * then {@link #gradient} holds every parameter. When set, {@link #gradient} holds only the parameters
     * after the first weight matrix (from its biases on), and {@link #columnValues} the touched columns'
     * gradients, {@link #units} values per column.
     */
    public int[] columns;
    /** {@code columns.length x units}: column k's gradient for every unit at {@code k * units}. */
    public float[] columnValues;
    /** The first layer's units and inputs, when {@link #columns} is set. */
    public int units;
    public int fanIn;
    /**
     * {@link #gradient}'s values as bfloat16 (the bits {@link io.ember.linalg.Bfloat16#narrow(float)} gives),
     * or null: set when the result travels with {@code transport = bf16}, and {@link #gradient} is then null.
     */
    public short[] gradientBf16;
    /** {@link #columnValues} as bfloat16 when {@link #gradientBf16} is set (columnValues is then null). */
    public short[] columnValuesBf16;

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

    /** Whether the first layer's gradient travels as touched columns ({@link #columns}). */
    public boolean isSparse() {
        return columns != null;
    }

    /** Whether the values travel as bfloat16 ({@link #gradientBf16}, {@link #columnValuesBf16}). */
    public boolean isBf16() {
        return gradientBf16 != null;
    }

    /** The length of {@link #gradient}, or of {@link #gradientBf16} in its place. */
    public int denseLength() {
        return gradientBf16 != null ? gradientBf16.length : gradient.length;
    }

    /** The parameter count of the gradient this represents (its dense length). */
    public int parameterCount() {
        return denseLength() + (columns == null ? 0 : units * fanIn);
    }

    /** An independent copy (worker buffers are reused by the next step). */
    public BatchGradient copy() {
        BatchGradient c = new BatchGradient(gradient == null ? null : gradient.clone(), lossSum, count, weight,
                computeNanos);
        c.gradientBf16 = gradientBf16 == null ? null : gradientBf16.clone();
        if (columns != null) {
            c.columns = columns.clone();
            c.columnValues = columnValues == null ? null : columnValues.clone();
            c.columnValuesBf16 = columnValuesBf16 == null ? null : columnValuesBf16.clone();
            c.units = units;
            c.fanIn = fanIn;
        }
        return c;
    }

    /** True for {@link #missingBlock()}'s answer. */
    public boolean isMissingBlock() {
        return count < 0;
    }
}
