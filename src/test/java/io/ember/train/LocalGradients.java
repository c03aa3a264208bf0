package io.ember.train;

import io.ember.data.DataBlock;
import io.ember.linalg.Gemm;
import io.ember.nn.NetworkSpec;
import io.ember.step.BatchGradient;
import io.ember.step.GradientSum;
import io.ember.step.PartitionWorker;
import io.ember.step.StepCoordinates;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-JVM reference: the same partition workers as the Spark trainer, run one after
 * the other, their partial gradients added in partition order. Given the same blocks it
 * reproduces a Spark run bit for bit.
 */
public final class LocalGradients implements GradientSource {
    private final List<PartitionWorker> workers = new ArrayList<>();
    private final BatchGradient total;
    private final long examples;
    private final int nonEmpty;

    /** With {@code threads} shards per partition, as a Spark run with that many task threads. */
    public LocalGradients(NetworkSpec spec, Gemm gemm, List<DataBlock> blocks, long seed, boolean shuffle, int threads) {
        long n = 0;
        int filled = 0;
        for (int p = 0; p < blocks.size(); p++) {
            workers.add(new PartitionWorker(spec, gemm, blocks.get(p), p, seed, shuffle, threads));
            n += blocks.get(p).rows();
            filled += blocks.get(p).rows() > 0 ? 1 : 0;
        }
        this.examples = n;
        this.nonEmpty = filled;
        this.total = new BatchGradient(new float[spec.parameterCount()], 0, 0, 0);
    }

    @Override
    public long exampleCount() {
        return examples;
    }

    @Override
    public int nonEmptyPartitions() {
        return nonEmpty;
    }

    @Override
    public BatchGradient compute(float[] params, StepCoordinates at) {
        GradientSum.clear(total);
        for (PartitionWorker w : workers) {
            GradientSum.add(total, w.compute(params, at));
        }
        return total;
    }

    @Override
    public void close() {
        workers.forEach(PartitionWorker::close);
    }
}
