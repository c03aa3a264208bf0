package io.ember.data;

import java.io.Serializable;

/**
 * Mergeable per-feature count, sum, sum of squares, min and max over rows (implicit zeros of
 * sparse rows included), computed partition by partition for fitting a {@link FeatureScaler}.
 */
public final class FeatureStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private final double[] sum;
    private final double[] sumSq;
    private final double[] min;
    private final double[] max;

    public FeatureStats(int features) {
        sum = new double[features];
        sumSq = new double[features];
        min = new double[features];
        max = new double[features];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Adds the rows of {@code raw} selected by {@code keep} (null: all). */
    public FeatureStats add(RawRows raw, RawRows.RowFilter keep) {
        int d = sum.length;
        double[] row = new double[d];
        for (int r = 0; r < raw.rows(); r++) {
            if (keep != null && !keep.keep(raw, r)) {
                continue;
            }
            java.util.Arrays.fill(row, 0);
            raw.forEachValue(r, (i, v) -> {
                if (i < d) {
                    row[i] = v;
                }
            });
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
                sumSq[j] += row[j] * row[j];
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
            count++;
        }
        return this;
    }

    /** Modifies this: adds {@code other}'s rows. */
    public FeatureStats merge(FeatureStats other) {
        count += other.count;
        for (int j = 0; j < sum.length; j++) {
            sum[j] += other.sum[j];
            sumSq[j] += other.sumSq[j];
            min[j] = Math.min(min[j], other.min[j]);
            max[j] = Math.max(max[j], other.max[j]);
        }
        return this;
    }

    public int features() {
        return sum.length;
    }

    public long count() {
        return count;
    }

    public double mean(int j) {
        return sum[j] / count;
    }

    /** Population variance. */
    public double variance(int j) {
        double m = mean(j);
        return sumSq[j] / count - m * m;
    }

    public double min(int j) {
        return min[j];
    }

    public double max(int j) {
        return max[j];
    }
}
