package io.ember.train;

import io.ember.step.StepCoordinates;

/** Hooks the trainer calls; progress output, metric files, checkpoints and the Spark UI labels use them. */
public interface TrainingListener {

    /** Before the first step (or the first step after a resume). */
    default void onStart(TrainingPlan plan, TrainingState state) {
    }

    /** Before step {@code at} is computed. */
    default void beforeStep(StepCoordinates at) {
    }

    /** Before the validation that ends 0-based {@code epoch} of {@code epochs}. */
    default void beforeValidation(int epoch, int epochs) {
    }

    /** After the optimizer applied step {@code report.at}. */
    default void onStep(StepReport report, TrainingState state) {
    }

    /** After an epoch's validation and early-stopping bookkeeping. */
    default void onEpoch(EpochReport report, TrainingState state) {
    }

    /** Asked after each epoch: true ends the run (e.g. a benchmark that reached its target). */
    default boolean stopRequested() {
        return false;
    }

    /** Asked after each step: true interrupts the run there (a signal asked it to stop). */
    default boolean interruptRequested() {
        return false;
    }

    /** The run was interrupted after the step {@code state} ends with; the state is consistent (checkpoint it). */
    default void onInterrupted(TrainingState state) {
    }

    /** Fans one event out to several listeners in order. */
    static TrainingListener all(TrainingListener... listeners) {
        return new TrainingListener() {
            @Override
            public void onStart(TrainingPlan plan, TrainingState state) {
                for (TrainingListener l : listeners) {
                    l.onStart(plan, state);
                }
            }

            @Override
            public void beforeStep(StepCoordinates at) {
                for (TrainingListener l : listeners) {
                    l.beforeStep(at);
                }
            }

            @Override
            public void beforeValidation(int epoch, int epochs) {
                for (TrainingListener l : listeners) {
                    l.beforeValidation(epoch, epochs);
                }
            }

            @Override
            public void onStep(StepReport report, TrainingState state) {
                for (TrainingListener l : listeners) {
                    l.onStep(report, state);
                }
            }

            @Override
            public void onEpoch(EpochReport report, TrainingState state) {
                for (TrainingListener l : listeners) {
                    l.onEpoch(report, state);
                }
            }

            @Override
            public boolean stopRequested() {
                for (TrainingListener l : listeners) {
                    if (l.stopRequested()) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean interruptRequested() {
                for (TrainingListener l : listeners) {
                    if (l.interruptRequested()) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void onInterrupted(TrainingState state) {
                for (TrainingListener l : listeners) {
                    l.onInterrupted(state);
                }
            }
        };
    }
}
