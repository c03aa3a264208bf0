package io.ember.linalg;

/**
 * Kernels of a sparse first layer: a batch in compressed sparse rows (CSR) whose column indices are
 * local, numbering the batch's touched input columns {@code 0..n)}, against those columns of a dense
 * weight matrix {@code W[units][fanIn]} gathered into a compact {@code Wc[n][units]}. Only touched
 * columns are read or written, so the cost follows the non-zeros, not the input width. Each method
 * names the array it modifies; nothing is checked (callers check shapes).
 */
public final class SparseKernels {
    private SparseKernels() {
    }

    /**
     * Modifies {@code wc}: {@code wc[k * units + u] = w[wOff + u * fanIn + cols[k]]} for {@code k < n}
     * (the touched columns of {@code W}, one contiguous run of {@code units} values per column).
     */
    public static void gatherColumns(float[] w, int wOff, int units, int fanIn, int[] cols, int n, float[] wc) {
        for (int u = 0; u < units; u++) {
            int row = wOff + u * fanIn;
            for (int k = 0; k < n; k++) {
                wc[k * units + u] = w[row + cols[k]];
            }
        }
    }

    /**
     * Modifies {@code g}: adds {@code vals[k * units + u]} to {@code g[gOff + u * fanIn + cols[k]]} for
     * {@code k < n} (a column-compact gradient scattered into the layout of {@code W}).
     */
    public static void scatterAddColumns(float[] g, int gOff, int units, int fanIn, int[] cols, int n,
                                         float[] vals) {
        for (int u = 0; u < units; u++) {
            int row = gOff + u * fanIn;
            for (int k = 0; k < n; k++) {
                g[row + cols[k]] += vals[k * units + u];
            }
        }
    }

    /**
     * Modifies {@code out}: its first {@code rows x units} values become {@code X Wc}, where row r of
     * {@code X} has the values {@code vals[rowStart[r] .. rowStart[r+1])} at local columns {@code local[..]}.
     * Each output row sums its non-zeros in stored order.
     */
    public static void csrTimesColumns(int rows, int[] rowStart, int[] local, float[] vals, float[] wc, int units,
                                       float[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * units;
            for (int u = 0; u < units; u++) {
                out[o + u] = 0f;
            }
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                float v = vals[i];
                int c = local[i] * units;
                for (int u = 0; u < units; u++) {
                    out[o + u] += v * wc[c + u];
                }
            }
        }
    }

    /**
     * Modifies {@code dwc}: its first {@code n x units} values become {@code X^T delta} (the gradient of
     * the touched columns, column-compact), adding rows in order.
     */
    public static void csrTransposeTimes(int rows, int[] rowStart, int[] local, float[] vals, float[] delta,
                                         int units, int n, float[] dwc) {
        java.util.Arrays.fill(dwc, 0, n * units, 0f);
        for (int r = 0; r < rows; r++) {
            int d = r * units;
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                float v = vals[i];
                int c = local[i] * units;
                for (int u = 0; u < units; u++) {
                    dwc[c + u] += v * delta[d + u];
                }
            }
        }
    }
}
