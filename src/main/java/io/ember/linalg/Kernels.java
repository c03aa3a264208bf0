package io.ember.linalg;

/**
 * Small row-major float32 kernels used around the GEMMs. Each method names the array it modifies.
 */
public final class Kernels {
    private Kernels() {
    }

    /** Modifies {@code x}: adds {@code bias[bOff .. bOff+cols)} to each of {@code rows} rows of width {@code cols}. */
    public static void addBiasRows(float[] x, int xOff, int rows, int cols, float[] bias, int bOff) {
        for (int r = 0; r < rows; r++) {
            int base = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                x[base + j] += bias[bOff + j];
            }
        }
    }

    /** Modifies {@code out}: {@code out[oOff + j] = sum over rows of x[r][j]} (column sums). */
    public static void columnSums(float[] x, int xOff, int rows, int cols, float[] out, int oOff) {
        for (int j = 0; j < cols; j++) {
            out[oOff + j] = 0f;
        }
        for (int r = 0; r < rows; r++) {
            int base = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                out[oOff + j] += x[base + j];
            }
        }
    }

    /** Modifies {@code x}: multiplies {@code x[off .. off+len)} element-wise by {@code y[off ..]}. */
    public static void multiply(float[] x, float[] y, int off, int len) {
        for (int i = off; i < off + len; i++) {
            x[i] *= y[i];
        }
    }

    /** Modifies {@code dst}: {@code dst[dOff+i] = x[xOff+i] * y[yOff+i]} for {@code i < len}. */
    public static void multiplyInto(float[] x, int xOff, float[] y, int yOff, float[] dst, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    /** Modifies {@code x}: {@code x *= s}. */
    public static void scale(float[] x, int off, int len, float s) {
        for (int i = off; i < off + len; i++) {
            x[i] *= s;
        }
    }

    /** Sum of squares of {@code x[off .. off+len)} in double. */
    public static double sumOfSquares(float[] x, int off, int len) {
        double s = 0;
        for (int i = off; i < off + len; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }

    /** Modifies {@code acc}: {@code acc += x}, element-wise over the full length of {@code x}. */
    public static void addInPlace(float[] acc, float[] x) {
        for (int i = 0; i < x.length; i++) {
            acc[i] += x[i];
        }
    }
}
