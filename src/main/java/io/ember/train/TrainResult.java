package io.ember.train;

import java.util.List;

/**
 * The outcome of a run: the parameters to keep (the best epoch's under early stopping), the
 * final state, every epoch's report, why the run ended and whether it was interrupted before its end.
 */
public record TrainResult(float[] params, TrainingState state, List<EpochReport> epochs, String stopReason,
                          boolean interrupted) {
}
