package io.ember.spark;

import io.ember.nn.NetworkSpec;

import java.io.Serializable;

/**
 * What every task of a run needs besides the step: the run's id, network, seed, BLAS choice, threads
 * and transport.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public final class TaskSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final String runId;
    final NetworkSpec spec;
    final long seed;
    final boolean shuffle;
    final String blas;
    final int threads;
    final SparkSettings.Transport transport;

    /** With float32 transport. */
    public TaskSpec(String runId, NetworkSpec spec, long seed, boolean shuffle, String blas, int threads) {
        this(runId, spec, seed, shuffle, blas, threads, SparkSettings.Transport.FLOAT32);
    }

    public TaskSpec(String runId, NetworkSpec spec, long seed, boolean shuffle, String blas, int threads,
                    SparkSettings.Transport transport) {
        this.runId = runId;
        this.spec = spec;
        this.seed = seed;
        this.shuffle = shuffle;
        this.blas = blas;
        this.threads = threads;
        this.transport = transport;
    }
}
