package io.ember.train;

/** The shape of a run: examples, partitions, and the steps of every epoch (the batch schedule applied). */
public final class TrainingPlan {
    public final long examples;
    public final int partitions;
    private final int[] batch;
    private final int[] steps;
    public final long totalSteps;
    /** The learning-rate schedule of the run (set when the run starts). */
    public io.ember.optim.LearningRate schedule;

    /** The plan of {@code config} for {@code examples} examples in {@code partitions} non-empty partitions. */
    public static TrainingPlan of(TrainConfig config, long examples, int partitions) {
        return new TrainingPlan(config, examples, partitions);
    }

    TrainingPlan(TrainConfig config, long examples, int partitions) {
        this.examples = examples;
        this.partitions = partitions;
        this.batch = new int[config.epochs];
        this.steps = new int[config.epochs];
        long total = 0;
        for (int e = 0; e < config.epochs; e++) {
            batch[e] = config.globalBatch(e + 1, partitions);
            steps[e] = BatchPlan.stepsPerEpoch(examples, batch[e]);
            total += steps[e];
        }
        this.totalSteps = config.maxSteps > 0 ? Math.min(total, config.maxSteps) : total;
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
}
