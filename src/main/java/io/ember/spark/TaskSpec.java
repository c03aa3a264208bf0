package io.ember.spark;

import io.ember.nn.NetworkSpec;

import java.io.Serializable;

/** What every task of a run needs besides the step: the run's id, network, seeds and BLAS choice. */
public final class TaskSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final String runId;
    final NetworkSpec spec;
    final long seed;
    final boolean shuffle;
    final String blas;

    public TaskSpec(String runId, NetworkSpec spec, long seed, boolean shuffle, String blas) {
        this.runId = runId;
        this.spec = spec;
        this.seed = seed;
        this.shuffle = shuffle;
        this.blas = blas;
    }
}
