package io.ember;

/**
 * Progress of a training run, for applications: called on the driver after every optimizer step and
 * every epoch. Both methods do nothing unless overridden.
 */
public interface TrainingProgress {
    /**
     * After optimizer step {@code step} (0-based, counted over the whole run).
     *
     * @param step         the step
     * @param epoch        its 1-based epoch
     * @param loss         the batch's mean training loss
     * @param learningRate the learning rate the step used
     */
    default void onStep(long step, int epoch, double loss, double learningRate) {
    }

    /**
     * After an epoch and its validation.
     *
     * @param epoch what the epoch did
     */
    default void onEpoch(EpochSummary epoch) {
    }
}
