package io.ember.train;

/** What one optimizer step did and cost. Loss is the batch mean, before regularization. */
public record StepReport(StepCoordinates at, double learningRate, double loss, long examples, double gradientNorm,
                         long stepNanos, long computeNanos) {
}
