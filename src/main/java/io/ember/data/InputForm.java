package io.ember.data;

import java.util.Locale;

/**
 * Whether packed rows keep their features dense or sparse: {@code input-format = auto} measures the
 * data's density (non-zero values over rows x features) and goes sparse below
 * {@link #AUTO_SPARSE_BELOW} when no scaling is asked for; a forced form that does not suit the data
 * is refused with the figures.
 */
public final class InputForm {
    /** Auto goes sparse below this density: its CSR form is then 10x smaller than the dense one. */
    public static final double AUTO_SPARSE_BELOW = 0.05;

    private InputForm() {
    }

    /**
     * True for sparse blocks.
     *
     * @param format   the configured input-format
     * @param rows     the data's rows
     * @param features the model's input width
     * @param nonZeros the data's non-zero values
     * @param scaled   whether a scaling is configured
     * @param what     the data, for messages ("training data x.libsvm")
     * @return whether to pack sparse
     * @throws DataException when sparse is forced on data whose CSR form is larger than the dense one
     */
    public static boolean sparse(DataSettings.InputFormat format, long rows, int features, long nonZeros,
                                 boolean scaled, String what) {
        double density = density(rows, features, nonZeros);
        switch (format) {
            case DENSE:
                return false;
            case SPARSE:
                if (csrBytes(rows, nonZeros) > denseBytes(rows, features)) {
                    throw new DataException(String.format(Locale.ROOT, "%s is dense: %.1f%% of its values are "
                            + "non-zero, so input-format = sparse would cache %s of CSR arrays against %s dense; set "
                            + "input-format = dense or auto", what, 100 * density, mb(csrBytes(rows, nonZeros)),
                            mb(denseBytes(rows, features))));
                }
                return true;
            default:
                return !scaled && density < AUTO_SPARSE_BELOW;
        }
    }

    /** Non-zeros over rows x features. */
    public static double density(long rows, int features, long nonZeros) {
        return nonZeros / ((double) rows * features);
    }

    /** Bytes of CSR arrays: 4 per index, 4 per value, 4 per row pointer. */
    public static long csrBytes(long rows, long nonZeros) {
        return 8 * nonZeros + 4 * (rows + 1);
    }

    /** Bytes of dense float32 rows. */
    public static long denseBytes(long rows, int features) {
        return 4 * rows * features;
    }

    /**
     * The message for sparse data forced dense that does not fit (prefixed to the memory estimate's).
     *
     * @return e.g. "training data is sparse (0.02% non-zero, 52 per row) but input-format = dense packs ..."
     */
    public static String forcedDense(String what, long rows, int features, long nonZeros) {
        return String.format(Locale.ROOT, "%s is sparse (%.3f%% non-zero, %.1f per row) but input-format = dense "
                + "packs it as %s of float32 rows (its CSR form: %s); set input-format = sparse or auto", what,
                100 * density(rows, features, nonZeros), nonZeros / (double) rows, mb(denseBytes(rows, features)),
                mb(csrBytes(rows, nonZeros)));
    }

    private static String mb(long bytes) {
        return bytes >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
}
