package io.ember.step;

import io.ember.data.DataBlock;
import io.ember.linalg.Gemm;
import io.ember.linalg.Kernels;
import io.ember.linalg.SparseKernels;
import io.ember.nn.ForwardBackward;
import io.ember.nn.NetworkSpec;
import io.ember.nn.Workspace;

import java.util.Arrays;

/**
 * The per-partition side of a step: picks the partition's slice of the global batch
 * ({@link BatchPlan}), splits it into {@code threads} contiguous shards computed at once (each
 * with its own workspace and gradient buffer), and adds the shard gradients in shard order.
 * The result depends on the shard count, never on thread timing. Holds the epoch order,
 * workspaces and buffers across steps, so a step allocates nothing (workspaces grow only when
 * the batch schedule raises the slice size). A sparse block's step allocates only the exact-size
 * arrays of its touched columns when it answers in that form (they are what travels to the driver).
 */
public final class PartitionWorker implements AutoCloseable {
    /** How a sparse block's first-layer gradient leaves the worker. */
    public enum GradientForm {
        /** Touched columns when that is fewer bytes than the dense first weight matrix, else dense. */
        AUTO,
        /** Always the dense vector. */
        DENSE,
        /** Always touched columns. */
        SPARSE
    }

    private final NetworkSpec spec;
    private ForwardBackward net;
    private final DataBlock block;
    private final int partition;
    private final long seed;
    private final boolean shuffle;
    private final int[] order;
    private final Shard[] shards;
    private final ShardRunner runner;
    private final BatchGradient result;
    /** Sparse blocks: the merged first-layer columns, and the result forms (dense, touched columns). */
    private final ColumnMerge merge;
    private final BatchGradient sparseResult;
    private final GradientForm form;
    private final int firstWeights;
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
        this(spec, gemm, block, partition, seed, shuffle, threads, GradientForm.AUTO);
    }

    /** With the form a sparse block's gradient takes (dense blocks always answer dense). */
    public PartitionWorker(NetworkSpec spec, Gemm gemm, DataBlock block, int partition, long seed, boolean shuffle,
                           int threads, GradientForm form) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.spec = spec;
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
        this.form = form;
        this.firstWeights = spec.biasOffset(0);
        if (block.isSparse()) {
            this.result = new BatchGradient(new float[spec.parameterCount()], 0, 0, 0);
            this.merge = new ColumnMerge(spec.layer(0).units());
            this.sparseResult = new BatchGradient(new float[spec.parameterCount() - firstWeights], 0, 0, 0);
            sparseResult.units = spec.layer(0).units();
            sparseResult.fanIn = spec.inputSize();
        } else {
            this.result = new BatchGradient(threads > 1 ? new float[spec.parameterCount()] : shards[0].gradient, 0, 0,
                    0);
            this.merge = null;
            this.sparseResult = null;
        }
    }

    /**
     * Computes with {@code gemm} from the next step on, with the same buffers: the backend probe times
     * every backend on one worker, so it needs no more memory than a step.
     */
    public void useGemm(Gemm gemm) {
        this.net = new ForwardBackward(spec, gemm);
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
        if (merge != null) {
            return sparseAnswer(to - from, start);
        }
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

    /**
     * A sparse block's answer: the shards' first-layer columns merged and the rest added in shard order,
     * sent as touched columns or dense (the first weight matrix zero outside the touched columns).
     */
    private BatchGradient sparseAnswer(int count, long start) {
        merge.reset(shards[0].workspace.sparseInput());
        double loss = shards[0].loss;
        double weight = shards[0].weight;
        for (int i = 1; i < shards.length; i++) {
            merge.add(shards[i].workspace.sparseInput());
            loss += shards[i].loss;
            weight += shards[i].weight;
        }
        int units = sparseResult.units;
        int touched = merge.count();
        boolean sparse = form == GradientForm.SPARSE
                || form == GradientForm.AUTO && 4L * touched * (units + 1) < 4L * firstWeights;
        BatchGradient out = sparse ? sparseResult : result;
        int offset = sparse ? 0 : firstWeights;
        float[] rest = out.gradient;
        System.arraycopy(shards[0].gradient, firstWeights, rest, offset, rest.length - offset);
        for (int i = 1; i < shards.length; i++) {
            float[] g = shards[i].gradient;
            for (int j = firstWeights; j < g.length; j++) {
                rest[offset + j - firstWeights] += g[j];
            }
        }
        if (sparse) {
            out.columns = Arrays.copyOf(merge.columns(), touched);
            out.columnValues = Arrays.copyOf(merge.values(), touched * units);
        } else {
            Arrays.fill(rest, 0, firstWeights, 0f);
            SparseKernels.scatterAddColumns(rest, 0, units, sparseResult.fanIn, merge.columns(), touched,
                    merge.values());
        }
        out.lossSum = loss;
        out.weight = weight;
        out.count = count;
        out.computeNanos = System.nanoTime() - start;
        return out;
    }

    private void computeShard(int i) {
        Shard s = shards[i];
        int rows = s.to - s.from;
        if (s.workspace == null || s.workspace.capacity() < rows) {
            s.workspace = new Workspace(net.spec(), Math.max(rows, shardCapacity), block.isSparse());
        }
        block.gather(order, s.from, s.to, s.workspace, true);
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
