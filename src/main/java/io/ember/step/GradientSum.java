package io.ember.step;

import io.ember.linalg.Kernels;

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

    /** Modifies {@code total}: adds gradient, loss, count and compute time of {@code part}. */
    public static void add(BatchGradient total, BatchGradient part) {
        Kernels.addInPlace(total.gradient, part.gradient);
        total.lossSum += part.lossSum;
        total.count += part.count;
        total.weight += part.weight;
        total.computeNanos += part.computeNanos;
    }
}
