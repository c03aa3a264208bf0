package io.ember.step;

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
     * Modifies {@code total} (dense): adds gradient, loss, count and compute time of {@code part}. A
     * sparse part adds its touched columns and the rest, element by element as a dense part would: a
     * sum over parts in a fixed order is the same whichever form they travelled in.
     */
    public static void add(BatchGradient total, BatchGradient part) {
        if (part.isSparse()) {
            int w0 = part.units * part.fanIn;
            if (total.gradient.length != w0 + part.gradient.length) {
                throw new IllegalArgumentException("sparse gradient of " + (w0 + part.gradient.length)
                        + " parameters added to " + total.gradient.length);
            }
            SparseKernels.scatterAddColumns(total.gradient, 0, part.units, part.fanIn, part.columns,
                    part.columns.length, part.columnValues);
            float[] g = total.gradient;
            float[] rest = part.gradient;
            for (int i = 0; i < rest.length; i++) {
                g[w0 + i] += rest[i];
            }
        } else {
            Kernels.addInPlace(total.gradient, part.gradient);
        }
        total.lossSum += part.lossSum;
        total.count += part.count;
        total.weight += part.weight;
        total.computeNanos += part.computeNanos;
    }
}
