package io.ember.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-feature affine scaling {@code x' = (x - offset) * scale}, fitted on the training data and
 * saved with the model: standardize (offset = mean, scale = 1/std) or min-max (offset = min,
 * scale = 1/(max - min)). Constant features get scale 1.
 */
public final class FeatureScaler implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final float[] offset;
    private final float[] scale;

    public FeatureScaler(String kind, float[] offset, float[] scale) {
        if (offset.length != scale.length) {
            throw new IllegalArgumentException("scaler offset and scale lengths differ");
        }
        this.kind = kind;
        this.offset = offset.clone();
        this.scale = scale.clone();
    }

    /** Fits from summary statistics; {@code kind} is standardize or minmax. */
    public static FeatureScaler fit(String kind, FeatureStats stats) {
        int d = stats.features();
        float[] off = new float[d];
        float[] sc = new float[d];
        for (int j = 0; j < d; j++) {
            if (kind.equals("standardize")) {
                double mean = stats.mean(j);
                double std = Math.sqrt(Math.max(0, stats.variance(j)));
                off[j] = (float) mean;
                sc[j] = std > 1e-12 ? (float) (1 / std) : 1f;
            } else if (kind.equals("minmax")) {
                double range = stats.max(j) - stats.min(j);
                off[j] = (float) stats.min(j);
                sc[j] = range > 1e-12 ? (float) (1 / range) : 1f;
            } else {
                throw new IllegalArgumentException("unknown scaling '" + kind + "'");
            }
        }
        return new FeatureScaler(kind, off, sc);
    }

    public String kind() {
        return kind;
    }

    public int features() {
        return offset.length;
    }

    public float[] offset() {
        return offset.clone();
    }

    public float[] scale() {
        return scale.clone();
    }

    /** Modifies {@code x[off .. off+features)} in place. */
    public void apply(float[] x, int off) {
        for (int j = 0; j < offset.length; j++) {
            x[off + j] = (x[off + j] - offset[j]) * scale[j];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureScaler && kind.equals(((FeatureScaler) o).kind)
                && Arrays.equals(offset, ((FeatureScaler) o).offset) && Arrays.equals(scale, ((FeatureScaler) o).scale);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offset) * 31 + Arrays.hashCode(scale);
    }
}
