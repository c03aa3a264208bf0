package io.ember;

import java.util.List;
import java.util.Optional;

/**
 * What a training run did, like MLlib's model summaries: every epoch's figures, why it stopped,
 * its steps and times, and the run folder it wrote (when it wrote one).
 *
 * @param epochs       every finished epoch, in order
 * @param stopReason   why training ended ("completed 10 epochs", "early stopping: ...")
 * @param steps        optimizer steps taken
 * @param bestEpoch    1-based epoch of the best validation metric, 0 without validation
 * @param trainSeconds wall time of training
 * @param runFolder    the run folder, or empty when the run wrote none
 */
public record TrainingSummary(List<EpochSummary> epochs, String stopReason, long steps, int bestEpoch,
                              double trainSeconds, Optional<String> runFolder) {
}
