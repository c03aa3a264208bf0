package io.ember.optim;

/**
 * A learning-rate schedule: the rate used by optimizer step {@code t} (0-based), a pure
 * function of t so that a resumed run continues exactly.
 */
public interface LearningRate {

    double at(long step);

    /** Human-readable form with every parameter, e.g. {@code step(lr=0.1, gamma=0.5, every=1000)}. */
    @Override
    String toString();
}
