package io.ember.step;

import io.ember.linalg.Bfloat16;
import io.ember.linalg.Kernels;
import io.ember.linalg.SparseKernels;

/** Adds one partition's result into a running total; the only way partial gradients are combined. */
public final class GradientSum {
    private GradientSum() {
    }

    /** Modifies {@code total}: zero gradient, loss, count and time, ready to add partitions in order. */
    public static void clear(BatchGradient total) {
        java.util.Arrays.fill(total.gradient, 0f);
        total.lossSum = 0;
        total.count = 0;
        total.weight = 0;
        total.computeNanos = 0;
    }

    /**
     * Modifies {@code total}: the sum of {@code parts} in their order, for parts computed at the same
     * time (tasks on executors); the compute time is the slowest part's, which the step waited for.
     */
    public static BatchGradient ofParallel(BatchGradient total, Iterable<BatchGradient> parts) {
        clear(total);
        long slowest = 0;
        for (BatchGradient part : parts) {
            add(total, part);
            slowest = Math.max(slowest, part.computeNanos);
        }
        total.computeNanos = slowest;
        return total;
    }

    /**
     * Modifies {@code total} (dense, float32): adds gradient, loss, count and compute time of {@code part}. A
     * sparse part adds its touched columns and the rest, element by element as a dense part would: a
     * sum over parts in a fixed order is the same whichever form they travelled in. A bfloat16 part's values
     * are widened (exactly) and added in float32.
     */
    public static void add(BatchGradient total, BatchGradient part) {
        if (part.isSparse()) {
            int w0 = part.units * part.fanIn;
            if (total.gradient.length != part.parameterCount()) {
                throw new IllegalArgumentException("sparse gradient of " + part.parameterCount()
                        + " parameters added to " + total.gradient.length);
            }
            SparseKernels.scatterAddColumns(total.gradient, 0, part.units, part.fanIn, part.columns,
                    part.columns.length, part.isBf16() ? widened(part.columnValuesBf16) : part.columnValues);
            float[] g = total.gradient;
            if (part.isBf16()) {
                Bfloat16.addWidened(g, w0, part.gradientBf16, 0, part.gradientBf16.length);
            } else {
                float[] rest = part.gradient;
                for (int i = 0; i < rest.length; i++) {
                    g[w0 + i] += rest[i];
                }
            }
        } else if (part.isBf16()) {
            Bfloat16.addWidened(total.gradient, 0, part.gradientBf16, 0, part.gradientBf16.length);
        } else {
            Kernels.addInPlace(total.gradient, part.gradient);
        }
        total.lossSum += part.lossSum;
        total.count += part.count;
        total.weight += part.weight;
        total.computeNanos += part.computeNanos;
    }

    /** A sparse part's bfloat16 column values widened (a new array: such parts bring arrays of their own size). */
    private static float[] widened(short[] values) {
        float[] v = new float[values.length];
        Bfloat16.widen(values, 0, v, 0, values.length);
        return v;
    }
}
