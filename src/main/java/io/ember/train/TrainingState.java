package io.ember.train;

import io.ember.optim.Optimizer;

/**
 * Everything a run needs to continue exactly where it stopped: parameters, the optimizer with
 * its state, the position (epoch, step) and early stopping's best-so-far. Checkpoints save it.
 */
public final class TrainingState {
    public final float[] params;
    public final Optimizer optimizer;
    /** 0-based epoch in progress (or next to start). */
    public int epoch;
    /** Next step within {@link #epoch}. */
    public int stepInEpoch;
    /** Optimizer steps taken in the whole run. */
    public long globalStep;
    /** Early stopping: best validation metric so far (NaN before the first validation). */
    public double bestMetric = Double.NaN;
    /** 1-based epoch of the best metric, 0 if none. */
    public int bestEpoch;
    /** Parameters at the best epoch, or null. */
    public float[] bestParams;
    public int epochsSinceBest;
    /** The first step's mean loss, against which divergence is judged (NaN until that step). */
    public double referenceLoss = Double.NaN;

    public TrainingState(float[] params, Optimizer optimizer) {
        this.params = params;
        this.optimizer = optimizer;
    }

}
