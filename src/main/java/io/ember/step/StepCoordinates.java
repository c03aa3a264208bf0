package io.ember.step;

import java.io.Serializable;

/**
 * Where a step sits: 0-based epoch, step within the epoch, steps in that epoch, and the global
 * optimizer step (which keys dropout and the learning rate).
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public final class StepCoordinates implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int epoch;
    public final int stepInEpoch;
    public final int stepsInEpoch;
    public final long globalStep;

    public StepCoordinates(int epoch, int stepInEpoch, int stepsInEpoch, long globalStep) {
        this.epoch = epoch;
        this.stepInEpoch = stepInEpoch;
        this.stepsInEpoch = stepsInEpoch;
        this.globalStep = globalStep;
    }

    @Override
    public String toString() {
        return "epoch " + (epoch + 1) + " step " + (stepInEpoch + 1) + "/" + stepsInEpoch + " (global " + globalStep + ")";
    }
}
