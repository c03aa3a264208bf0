package io.ember.train;

import io.ember.step.StepCoordinates;

/**
 * What one optimizer step did and cost. Loss is the batch mean, before regularization.
 * {@code gradientNanos} is the wall time of getting the summed gradient (for Spark: broadcast,
 * job, sum); {@code computeNanos} the forward/backward time inside it (the slowest task);
 * {@code stepNanos} the whole step, optimizer included.
 */
public record StepReport(StepCoordinates at, double learningRate, double loss, long examples, double gradientNorm,
                         long stepNanos, long gradientNanos, long computeNanos) {
}
