package io.ember.data;

import java.io.Serializable;

/**
 * A packed block of training rows: row-major float32 features ({@code rows x featureCount})
 * and targets ({@code rows x targetCount}), the rows' weights when they are weighted, with the
 * global id of the first row (ids are consecutive; they key dropout masks). One block per Spark
 * partition, cached.
 */
public final class DataBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] features;
    private final float[] targets;
    private final int rows;
    private final int featureCount;
    private final int targetCount;
    private final long firstId;
    /** Per-row weights, or null when every row weighs 1. */
    private final float[] weights;

    public DataBlock(float[] features, float[] targets, int rows, int featureCount, int targetCount, long firstId) {
        this(features, targets, null, rows, featureCount, targetCount, firstId);
    }

    public DataBlock(float[] features, float[] targets, float[] weights, int rows, int featureCount, int targetCount,
                     long firstId) {
        if (features.length != (long) rows * featureCount || targets.length != (long) rows * targetCount) {
            throw new IllegalArgumentException("block arrays do not match " + rows + " rows x (" + featureCount
                    + " features, " + targetCount + " targets)");
        }
        this.features = features;
        this.targets = targets;
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.firstId = firstId;
        if (weights != null && weights.length != rows) {
            throw new IllegalArgumentException(weights.length + " weights for " + rows + " rows");
        }
        this.weights = weights;
    }

    /** Whether the rows carry weights (else each weighs 1). */
    public boolean weighted() {
        return weights != null;
    }

    public float[] features() {
        return features;
    }

    public float[] targets() {
        return targets;
    }

    public int rows() {
        return rows;
    }

    public int featureCount() {
        return featureCount;
    }

    public int targetCount() {
        return targetCount;
    }

    public long firstId() {
        return firstId;
    }

    /**
     * Copies rows {@code order[from .. to)} into row-major {@code x}, {@code t}, their ids into
     * {@code ids} and, when the block is weighted and {@code w} is not null, their weights into
     * {@code w}, starting at row 0 of each. Only the destination arrays are modified.
     */
    public void gather(int[] order, int from, int to, float[] x, float[] t, long[] ids, float[] w) {
        for (int i = from; i < to; i++) {
            int row = order == null ? i : order[i];
            int dst = i - from;
            System.arraycopy(features, row * featureCount, x, dst * featureCount, featureCount);
            System.arraycopy(targets, row * targetCount, t, dst * targetCount, targetCount);
            ids[dst] = firstId + row;
            if (weights != null && w != null) {
                w[dst] = weights[row];
            }
        }
    }
}
