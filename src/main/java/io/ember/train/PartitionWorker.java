package io.ember.train;

import io.ember.data.DataBlock;
import io.ember.linalg.Gemm;
import io.ember.nn.ForwardBackward;
import io.ember.nn.NetworkSpec;
import io.ember.nn.Workspace;

/**
 * The per-partition side of a step: picks the partition's slice of the global batch
 * ({@link BatchPlan}), gathers it into a reused workspace and runs forward/backward. Holds
 * the epoch order, workspace and gradient buffer across steps, so a step allocates nothing
 * (the workspace grows only when the batch schedule raises the slice size).
 */
public final class PartitionWorker {
    private final ForwardBackward net;
    private final DataBlock block;
    private final int partition;
    private final long seed;
    private final boolean shuffle;
    private final int[] order;
    private final BatchGradient result;
    private int orderEpoch = -1;
    private Workspace workspace;

    public PartitionWorker(NetworkSpec spec, Gemm gemm, DataBlock block, int partition, long seed, boolean shuffle) {
        this.net = new ForwardBackward(spec, gemm);
        this.block = block;
        this.partition = partition;
        this.seed = seed;
        this.shuffle = shuffle;
        this.order = new int[block.rows()];
        this.result = new BatchGradient(new float[spec.parameterCount()], 0, 0, 0);
    }

    /**
     * This partition's summed gradient for step {@code at}. The returned object and its array are
     * reused by the next call: consume (or serialize) them first.
     */
    public BatchGradient compute(float[] params, StepCoordinates at) {
        long start = System.nanoTime();
        int rows = block.rows();
        if (orderEpoch != at.epoch) {
            BatchPlan.epochOrder(order, rows, shuffle, seed, at.epoch, partition);
            orderEpoch = at.epoch;
        }
        int from = BatchPlan.sliceStart(rows, at.stepInEpoch, at.stepsInEpoch);
        int to = BatchPlan.sliceStart(rows, at.stepInEpoch + 1, at.stepsInEpoch);
        Workspace ws = workspace(BatchPlan.maxSlice(rows, at.stepsInEpoch));
        block.gather(order, from, to, ws.input(), ws.target(), ws.exampleIds());
        result.lossSum = net.lossAndGradient(params, ws, to - from, result.gradient, seed, at.globalStep);
        result.count = to - from;
        result.computeNanos = System.nanoTime() - start;
        return result;
    }

    private Workspace workspace(int capacity) {
        if (workspace == null || workspace.capacity() < capacity) {
            workspace = new Workspace(net.spec(), Math.max(1, capacity));
        }
        return workspace;
    }
}
