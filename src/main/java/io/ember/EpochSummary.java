package io.ember;

import java.util.Map;

/**
 * One finished epoch of a training run.
 *
 * @param epoch       1-based
 * @param trainLoss   the mean training loss over its steps
 * @param validation  validation metrics by name (loss, accuracy, macro_f1 ... or rmse, mae, r2 ...), empty
 *                    without validation data
 * @param seconds     wall time of the epoch, validation included
 * @param examples    training examples it passed over
 * @param best        whether it was the best epoch so far by the early-stopping metric
 */
public record EpochSummary(int epoch, double trainLoss, Map<String, Double> validation, double seconds, long examples,
                           boolean best) {
}
