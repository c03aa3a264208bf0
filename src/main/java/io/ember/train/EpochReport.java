package io.ember.train;

import io.ember.eval.Evaluation;

/**
 * One finished epoch: mean training loss over its steps, validation figures (null without
 * validation data), the last learning rate, wall time and throughput.
 */
public record EpochReport(int epoch, int epochs, long steps, double trainLoss, Evaluation validation,
                          double learningRate, long nanos, long examples, boolean best) {

    public double examplesPerSecond() {
        return nanos == 0 ? 0 : examples / (nanos / 1e9);
    }
}
