package io.ember.data;

import java.io.Serializable;

/**
 * Rows in compressed sparse rows (CSR): row r's non-zeros are {@code values[rowStart[r] ..
 * rowStart[r+1])} at the 0-based feature {@code indices[..]}, ascending. Arrays have exactly the
 * length they need. One chunk of a sparse {@link DataBlock}: a block holds as many chunks as its
 * non-zeros need (an array holds at most 2^31 values).
 */
public final class SparseRows implements Serializable {
    private static final long serialVersionUID = 1L;

    final int[] rowStart;
    final int[] indices;
    final float[] values;

    SparseRows(int[] rowStart, int[] indices, float[] values) {
        if (indices.length != values.length || rowStart[rowStart.length - 1] != values.length) {
            throw new IllegalArgumentException("CSR arrays disagree: " + indices.length + " indices, " + values.length
                    + " values, rows ending at " + rowStart[rowStart.length - 1]);
        }
        this.rowStart = rowStart;
        this.indices = indices;
        this.values = values;
    }

    /** Rows in this chunk. */
    public int rows() {
        return rowStart.length - 1;
    }

    /** Non-zeros stored. */
    public long nonZeros() {
        return values.length;
    }

    /** Bytes of the three CSR arrays (4 per index, 4 per value, 4 per row pointer). */
    public long csrBytes() {
        return 8L * values.length + 4L * rowStart.length;
    }
}
