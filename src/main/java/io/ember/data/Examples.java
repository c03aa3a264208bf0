package io.ember.data;

import java.io.Serializable;

/**
 * Labelled examples as read from a file, before target encoding: dense row-major float32
 * features and one raw label per row (a class label or a regression value).
 */
public final class Examples implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int featureCount;
    private final float[] features;
    private final double[] labels;

    public Examples(int featureCount, float[] features, double[] labels) {
        if (features.length != (long) labels.length * featureCount) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + features.length
                    + " feature values of width " + featureCount);
        }
        this.featureCount = featureCount;
        this.features = features;
        this.labels = labels;
    }

    public int rows() {
        return labels.length;
    }

    public int featureCount() {
        return featureCount;
    }

    public float[] features() {
        return features;
    }

    public double[] labels() {
        return labels;
    }

    /**
     * Packs rows {@code [from, to)} into a block whose targets are encoded by {@code mapping} and
     * {@code encoding} (classification) or taken as they are (regression). The block's first id
     * is {@code firstId}. Throws IllegalArgumentException naming the row of an unknown label.
     */
    public DataBlock toBlock(int from, int to, LabelMapping mapping, TargetEncoding encoding, long firstId) {
        int n = to - from;
        int k = encoding.units();
        float[] x = new float[n * featureCount];
        System.arraycopy(features, from * featureCount, x, 0, n * featureCount);
        float[] t = new float[n * k];
        for (int i = 0; i < n; i++) {
            double label = labels[from + i];
            if (encoding.isClassification()) {
                int cls = mapping.classOf(label);
                if (cls < 0) {
                    throw new IllegalArgumentException("row " + (from + i) + ": label " + label
                            + " is not one of the training classes " + mapping);
                }
                encoding.encodeClass(cls, t, i * k);
            } else {
                t[i] = (float) label;
            }
        }
        return new DataBlock(x, t, n, featureCount, k, firstId);
    }
}
