package io.ember.optim;

/**
 * A first-order optimizer on the flat parameter vector. It owns its state (allocated at
 * construction in the parameter layout) and updates only the trainable ranges it was given.
 */
public interface Optimizer {

    /**
     * Modifies {@code params}: one update with learning rate {@code lr} from {@code grad}, the
     * mean gradient of the batch with the coupled L1/L2 terms already added.
     */
    void step(float[] params, float[] grad, double lr);

    /** Steps taken so far. */
    long stepCount();

    /** A copy of the full state. */
    OptimizerState state();

    /** Replaces the state; throws IllegalArgumentException if it belongs to another optimizer or size. */
    void restore(OptimizerState state);

    /** The kind and every hyperparameter, e.g. {@code adam(beta1=0.9, beta2=0.999, eps=1e-8)}. */
    @Override
    String toString();
}
