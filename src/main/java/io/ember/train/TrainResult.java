package io.ember.train;

import java.util.List;

/**
 * The outcome of a run: the parameters to keep (the best epoch's under early stopping), the
 * final state, every epoch's report and why the run ended.
 */
public record TrainResult(float[] params, TrainingState state, List<EpochReport> epochs, String stopReason) {
}
