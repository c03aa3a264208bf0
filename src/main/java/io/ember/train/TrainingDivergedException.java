package io.ember.train;

/**
 * Thrown when a loss or gradient stops being finite. The state still holds the parameters from
 * before the offending step (the last good ones), so callers can save them.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TrainingState lastGoodState;

    public TrainingDivergedException(String message, TrainingState lastGoodState) {
        super(message);
        this.lastGoodState = lastGoodState;
    }

    public TrainingState lastGoodState() {
        return lastGoodState;
    }
}
