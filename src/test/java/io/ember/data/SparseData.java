package io.ember.data;

import io.ember.linalg.Rng;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Test data: sparse rows whose class (0, 1 or 2) follows from which third of the features holds the
 * most of a row's non-zeros, so a network can learn it; about {@code perRow} non-zeros per row.
 */
public final class SparseData {
    private SparseData() {
    }

    /** {@code rows} rows of {@code features} features as parsed rows (1-based ids from {@code firstId}). */
    public static RawRows rows(int rows, int features, int perRow, long seed) {
        RawRows raw = new RawRows("sparse-test", 0);
        raw.firstRowId = 0;
        Rng rng = new Rng(seed);
        int[] idx = new int[features];
        float[] val = new float[features];
        for (int r = 0; r < rows; r++) {
            int cls = rng.nextInt(3);
            int n = 0;
            for (int j = 0; j < features; j++) {
                boolean home = j * 3 / features == cls;
                if (rng.nextDouble() < (home ? 2.0 : 0.5) * perRow / features) {
                    idx[n] = j;
                    val[n++] = (float) (0.5 + rng.nextDouble());
                }
            }
            raw.row(cls, idx, val, n, r);
            raw.lines++;
        }
        return raw;
    }

    /** The same rows as a LIBSVM file. */
    public static Path libsvm(Path file, int rows, int features, int perRow, long seed) throws IOException {
        RawRows raw = rows(rows, features, perRow, seed);
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int r = 0; r < raw.rows(); r++) {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d", (int) raw.label(r)));
                raw.forEachValue(r, (i, v) -> sb.append(' ').append(i + 1).append(':').append(v));
                w.write(sb.append('\n').toString());
            }
        }
        return file;
    }

    /** Label mapping of the three classes. */
    public static LabelMapping labels() {
        return LabelMapping.of(List.of(0.0, 1.0, 2.0));
    }
}
