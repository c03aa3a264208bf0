package io.ember.spark;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/** Copies Spark ML vectors into a predictor's float input buffer. */
public final class VectorRows {
    private VectorRows() {
    }

    /**
     * Writes {@code v} at {@code input[offset ..]} (zeros there already), checking its size.
     *
     * @throws IllegalArgumentException when the vector's size is not the model's input width
     */
    public static void read(Vector v, int width, float[] input, int offset) {
        if (v == null) {
            throw new IllegalArgumentException("a features vector is null");
        }
        if (v.size() != width) {
            throw new IllegalArgumentException("a features vector has " + v.size() + " values, the model takes "
                    + width);
        }
        if (v instanceof DenseVector dv) {
            double[] values = dv.values();
            for (int i = 0; i < values.length; i++) {
                input[offset + i] = (float) values[i];
            }
        } else {
            SparseVector sv = (SparseVector) v;
            int[] indices = sv.indices();
            double[] values = sv.values();
            for (int i = 0; i < indices.length; i++) {
                input[offset + indices[i]] = (float) values[i];
            }
        }
    }
}
