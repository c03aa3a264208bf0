package io.ember.nn;

/**
 * Every buffer one forward/backward pass needs for up to {@code capacity} rows, allocated once
 * and reused for every batch (batches may be smaller than the capacity). Not thread-safe: one
 * workspace per thread.
 */
public final class Workspace {
    private final NetworkSpec spec;
    private final int capacity;
    final float[] input;
    final float[] target;
    final long[] exampleIds;
    final float[] weights;
    /** Whether {@link #weights} holds this batch's row weights (else every row weighs 1). */
    boolean weighted;
    /** Per layer: activations (the output layer: pre-activations, then outputs). */
    final float[][] act;
    /** Per layer with dropout: activations times the mask (the next layer's input), and the mask. */
    final float[][] dropped;
    final float[][] mask;
    final float[] deltaA;
    final float[] deltaB;

    public Workspace(NetworkSpec spec, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("workspace capacity must be positive, got " + capacity);
        }
        this.spec = spec;
        this.capacity = capacity;
        int layers = spec.layerCount();
        input = new float[capacity * spec.inputSize()];
        target = new float[capacity * spec.outputSize()];
        exampleIds = new long[capacity];
        weights = new float[capacity];
        act = new float[layers][];
        dropped = new float[layers][];
        mask = new float[layers][];
        int widest = 1;
        for (int l = 0; l < layers; l++) {
            LayerSpec s = spec.layer(l);
            act[l] = new float[capacity * s.units()];
            if (s.dropout() > 0f) {
                dropped[l] = new float[capacity * s.units()];
                mask[l] = new float[capacity * s.units()];
            }
            widest = Math.max(widest, Math.max(s.units(), l > 0 ? spec.fanIn(l) : 1));
        }
        deltaA = new float[capacity * widest];
        deltaB = new float[capacity * widest];
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int capacity() {
        return capacity;
    }

    /** Row-major inputs, {@code capacity x inputSize}; the caller fills the first rows. */
    public float[] input() {
        return input;
    }

    /** Row-major targets, {@code capacity x outputSize}. */
    public float[] target() {
        return target;
    }

    /** Global example ids of the rows (they key the dropout masks). */
    public long[] exampleIds() {
        return exampleIds;
    }

    /** Row weights of the batch: fill them and call {@link #setWeighted(boolean)} with true, or leave them unused. */
    public float[] weights() {
        return weights;
    }

    /** Whether the loss weights each row by {@link #weights()} (false: every row weighs 1). */
    public void setWeighted(boolean weighted) {
        this.weighted = weighted;
    }

    /** The summed weight of the first {@code rows} rows ({@code rows} when unweighted). */
    public double weightOf(int rows) {
        if (!weighted) {
            return rows;
        }
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += weights[r];
        }
        return s;
    }

    /** The network outputs after {@link ForwardBackward#predict} or a loss evaluation. */
    public float[] output() {
        return act[act.length - 1];
    }
}
