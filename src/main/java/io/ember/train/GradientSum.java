package io.ember.train;

import io.ember.linalg.Kernels;

/** Adds one partition's result into a running total; the only way partial gradients are combined. */
public final class GradientSum {
    private GradientSum() {
    }

    /** Modifies {@code total}: adds gradient, loss, count and compute time of {@code part}. */
    public static void add(BatchGradient total, BatchGradient part) {
        Kernels.addInPlace(total.gradient, part.gradient);
        total.lossSum += part.lossSum;
        total.count += part.count;
        total.computeNanos += part.computeNanos;
    }
}
