package io.ember.io;

import io.ember.config.Config;
import io.ember.nn.NetworkSpec;
import io.ember.train.EpochReport;
import io.ember.train.StepReport;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingState;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a checkpoint every {@code checkpoint-every-steps} steps and every {@code checkpoint-every-epochs} epochs. */
public final class CheckpointListener implements TrainingListener {
    private final CheckpointStore store;
    private final Config config;
    private final NetworkSpec spec;
    private final int partitions;
    private final int taskThreads;
    private final String blas;
    private final DataFingerprint data;
    private String last;

    public CheckpointListener(CheckpointStore store, Config config, NetworkSpec spec, int partitions,
                              int taskThreads, String blas, DataFingerprint data) {
        this.store = store;
        this.config = config;
        this.spec = spec;
        this.partitions = partitions;
        this.taskThreads = taskThreads;
        this.blas = blas;
        this.data = data;
    }

    @Override
    public void onStep(StepReport report, TrainingState state) {
        long every = config.get(RunSettings.CHECKPOINT_STEPS);
        if (every > 0 && state.globalStep % every == 0) {
            save(state);
        }
    }

    @Override
    public void onEpoch(EpochReport report, TrainingState state) {
        int every = config.get(RunSettings.CHECKPOINT_EPOCHS);
        if (every > 0 && state.epoch % every == 0) {
            save(state);
        }
    }

    /** An interrupted run's position is always saved, whatever the checkpoint settings. */
    @Override
    public void onInterrupted(TrainingState state) {
        if (last == null || !last.endsWith(String.format("step-%012d", state.globalStep))) {
            save(state);
        }
    }

    /** Where the newest checkpoint of this run went, or null. */
    public String last() {
        return last;
    }

    private void save(TrainingState s) {
        try {
            last = store.write(new CheckpointStore.Checkpoint(null, null, spec, s.params, s.optimizer.state(), s.epoch,
                    s.stepInEpoch, s.globalStep, s.bestMetric, s.bestEpoch, s.bestParams, s.epochsSinceBest,
                    s.referenceLoss, partitions, taskThreads, blas, config.resolved(), data), config.get(RunSettings.KEEP_CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e instanceof WriteException ? (WriteException) e
                    : new WriteException("cannot write a checkpoint under " + store + ": " + e.getMessage(), e));
        }
    }
}
