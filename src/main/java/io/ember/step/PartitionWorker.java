package io.ember.step;

import io.ember.data.DataBlock;
import io.ember.linalg.Gemm;
import io.ember.linalg.Kernels;
import io.ember.nn.ForwardBackward;
import io.ember.nn.NetworkSpec;
import io.ember.nn.Workspace;

/**
 * The per-partition side of a step: picks the partition's slice of the global batch
 * ({@link BatchPlan}), splits it into {@code threads} contiguous shards computed at once (each
 * with its own workspace and gradient buffer), and adds the shard gradients in shard order.
 * The result depends on the shard count, never on thread timing. Holds the epoch order,
 * workspaces and buffers across steps, so a step allocates nothing (workspaces grow only when
 * the batch schedule raises the slice size).
 */
public final class PartitionWorker implements AutoCloseable {
    private final ForwardBackward net;
    private final DataBlock block;
    private final int partition;
    private final long seed;
    private final boolean shuffle;
    private final int[] order;
    private final Shard[] shards;
    private final ShardRunner runner;
    private final BatchGradient result;
    private final ShardRunner.Piece computeShard = this::computeShard;
    private int orderEpoch = -1;
    private int shardCapacity;
    private float[] params;
    private StepCoordinates at;

    /** One contiguous piece of the partition's slice, computed by one thread. */
    private static final class Shard {
        Workspace workspace;
        final float[] gradient;
        double loss;
        double weight;
        int from;
        int to;

        Shard(int parameters) {
            gradient = new float[parameters];
        }
    }

    public PartitionWorker(NetworkSpec spec, Gemm gemm, DataBlock block, int partition, long seed, boolean shuffle,
                           int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.net = new ForwardBackward(spec, gemm);
        this.block = block;
        this.partition = partition;
        this.seed = seed;
        this.shuffle = shuffle;
        this.order = new int[block.rows()];
        this.shards = new Shard[threads];
        for (int i = 0; i < threads; i++) {
            shards[i] = new Shard(spec.parameterCount());
        }
        this.runner = threads > 1 ? new ShardRunner(threads, "ember-partition-" + partition) : null;
        this.result = new BatchGradient(threads > 1 ? new float[spec.parameterCount()] : shards[0].gradient, 0, 0, 0);
    }

    /**
     * This partition's summed gradient for step {@code at}. The returned object and its array are
     * reused by the next call: consume (or serialize) them first.
     */
    public BatchGradient compute(float[] p, StepCoordinates step) {
        long start = System.nanoTime();
        int rows = block.rows();
        if (orderEpoch != step.epoch) {
            BatchPlan.epochOrder(order, rows, shuffle, seed, step.epoch, partition);
            orderEpoch = step.epoch;
        }
        int from = BatchPlan.sliceStart(rows, step.stepInEpoch, step.stepsInEpoch);
        int to = BatchPlan.sliceStart(rows, step.stepInEpoch + 1, step.stepsInEpoch);
        int n = shards.length;
        shardCapacity = (BatchPlan.maxSlice(rows, step.stepsInEpoch) + n - 1) / n + 1;
        for (int i = 0; i < n; i++) {
            shards[i].from = from + (int) ((long) i * (to - from) / n);
            shards[i].to = from + (int) ((long) (i + 1) * (to - from) / n);
        }
        params = p;
        at = step;
        if (runner == null) {
            computeShard(0);
        } else {
            runner.runAll(computeShard);
        }
        params = null;
        result.lossSum = shards[0].loss;
        result.weight = shards[0].weight;
        if (n > 1) {
            System.arraycopy(shards[0].gradient, 0, result.gradient, 0, result.gradient.length);
            for (int i = 1; i < n; i++) {
                Kernels.addInPlace(result.gradient, shards[i].gradient);
                result.lossSum += shards[i].loss;
                result.weight += shards[i].weight;
            }
        }
        result.count = to - from;
        result.computeNanos = System.nanoTime() - start;
        return result;
    }

    private void computeShard(int i) {
        Shard s = shards[i];
        int rows = s.to - s.from;
        if (s.workspace == null || s.workspace.capacity() < rows) {
            s.workspace = new Workspace(net.spec(), Math.max(rows, shardCapacity));
        }
        block.gather(order, s.from, s.to, s.workspace.input(), s.workspace.target(), s.workspace.exampleIds(),
                s.workspace.weights());
        s.workspace.setWeighted(block.weighted());
        s.loss = net.lossAndGradient(params, s.workspace, rows, s.gradient, seed, at.globalStep);
        s.weight = s.workspace.weightOf(rows);
    }

    /** Stops the shard threads. */
    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
