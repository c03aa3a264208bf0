package io.ember.train;

import io.ember.step.BatchGradient;
import io.ember.step.StepCoordinates;

/**
 * Computes the summed gradient of one optimizer step over the whole training set's global
 * batch: in this JVM ({@link LocalGradients}) or on Spark partitions. The trainer's loop is the
 * same for both.
 */
public interface GradientSource extends AutoCloseable {

    /** Training examples in all partitions. */
    long exampleCount();

    /** Partitions holding at least one example. */
    int nonEmptyPartitions();

    /**
     * The gradient of the global batch for step {@code at} at {@code params}, summed over its
     * examples; partial sums are added in partition order so the result does not depend on
     * which partition finishes first.
     */
    BatchGradient compute(float[] params, StepCoordinates at);

    @Override
    default void close() {
    }
}
