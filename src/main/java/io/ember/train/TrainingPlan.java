package io.ember.train;

import io.ember.config.Config;
import io.ember.optim.LearningRate;
import io.ember.optim.Schedules;
import io.ember.optim.StepLength;
import io.ember.step.BatchPlan;

/**
 * The shape of a run, immutable: examples, partitions, the global batch and steps of every epoch
 * (the batch schedule applied), the total, and the learning-rate schedule built on those steps
 * (lengths in epochs count each epoch's own steps).
 */
public final class TrainingPlan implements StepLength.EpochSteps {
    public final long examples;
    public final int partitions;
    private final int[] batch;
    private final int[] steps;
    public final long totalSteps;
    private final LearningRate schedule;

    /** The plan of {@code config} for {@code examples} examples in {@code partitions} non-empty partitions. */
    public static TrainingPlan of(Config config, long examples, int partitions) {
        return new TrainingPlan(config, examples, partitions);
    }

    private TrainingPlan(Config config, long examples, int partitions) {
        this.examples = examples;
        this.partitions = partitions;
        int epochs = config.get(LoopSettings.EPOCHS);
        this.batch = new int[epochs];
        this.steps = new int[epochs];
        long total = 0;
        for (int e = 0; e < epochs; e++) {
            batch[e] = LoopSettings.globalBatch(config, e + 1, partitions);
            steps[e] = BatchPlan.stepsPerEpoch(examples, batch[e]);
            total += steps[e];
        }
        long maxSteps = config.get(LoopSettings.MAX_STEPS);
        this.totalSteps = maxSteps > 0 ? Math.min(total, maxSteps) : total;
        this.schedule = Schedules.of(config, this);
    }

    public int epochs() {
        return steps.length;
    }

    /** Global batch of 0-based {@code epoch}. */
    public int batch(int epoch) {
        return batch[epoch];
    }

    /** Steps of 0-based {@code epoch}. */
    public int steps(int epoch) {
        return steps[epoch];
    }

    /** The learning rate of every step. */
    public LearningRate schedule() {
        return schedule;
    }

    /**
     * Steps in the first {@code epochs} epochs, each epoch counted with its own steps (a fraction
     * takes that part of the next epoch); beyond the plan, the last epoch's length continues.
     */
    @Override
    public long stepsIn(double epochs) {
        long whole = 0;
        int e = 0;
        for (; e < (int) Math.floor(epochs); e++) {
            whole += steps[Math.min(e, steps.length - 1)];
        }
        double fraction = epochs - Math.floor(epochs);
        return whole + Math.round(fraction * steps[Math.min(e, steps.length - 1)]);
    }

    @Override
    public long totalSteps() {
        return totalSteps;
    }
}
