package io.ember.train;

import io.ember.eval.Evaluation;

/**
 * One finished epoch: mean training loss over its steps, validation figures (null without
 * validation data), the last learning rate, wall time (validation included, and apart) and
 * training throughput.
 */
public record EpochReport(int epoch, int epochs, long steps, double trainLoss, Evaluation validation,
                          double learningRate, long nanos, long validationNanos, long examples, boolean best) {

    /** Wall time of the epoch's steps, without validation. */
    public long trainNanos() {
        return nanos - validationNanos;
    }

    public double examplesPerSecond() {
        return trainNanos() <= 0 ? 0 : examples / (trainNanos() / 1e9);
    }
}
