package io.ember.data;

import java.io.Serializable;

/**
 * A packed block of training rows: row-major float32 features ({@code rows x featureCount})
 * and targets ({@code rows x targetCount}) with the global id of the first row (ids are
 * consecutive; they key dropout masks). One block per Spark partition, cached.
 */
public final class DataBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] features;
    private final float[] targets;
    private final int rows;
    private final int featureCount;
    private final int targetCount;
    private final long firstId;

    public DataBlock(float[] features, float[] targets, int rows, int featureCount, int targetCount, long firstId) {
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
     * Copies rows {@code order[from .. to)} into row-major {@code x}, {@code t} and their ids into
     * {@code ids}, starting at row 0 of each. Only the three destination arrays are modified.
     */
    public void gather(int[] order, int from, int to, float[] x, float[] t, long[] ids) {
        for (int i = from; i < to; i++) {
            int row = order == null ? i : order[i];
            int dst = i - from;
            System.arraycopy(features, row * featureCount, x, dst * featureCount, featureCount);
            System.arraycopy(targets, row * targetCount, t, dst * targetCount, targetCount);
            ids[dst] = firstId + row;
        }
    }
}
