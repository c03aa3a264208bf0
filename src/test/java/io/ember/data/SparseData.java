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
 * most of a row's non-zeros, so a network can learn it; up to {@code perRow} non-zeros per row (half of them in
 * the class's third).
 */
public final class SparseData {
    private SparseData() {
    }

    /** {@code rows} rows of {@code features} features as parsed rows (1-based ids from {@code firstId}). */
    public static RawRows rows(int rows, int features, int perRow, long seed) {
        RawRows raw = new RawRows("sparse-test", 0);
        raw.firstRowId = 0;
        Rng rng = new Rng(seed);
        int[] idx = new int[perRow];
        float[] val = new float[perRow];
        int third = features / 3;
        for (int r = 0; r < rows; r++) {
            int cls = rng.nextInt(3);
            for (int i = 0; i < perRow; i++) {
                idx[i] = rng.nextDouble() < 0.5 ? cls * third + rng.nextInt(third) : rng.nextInt(features);
            }
            java.util.Arrays.sort(idx);
            int n = 0;
            for (int i = 0; i < perRow; i++) {
                if (n == 0 || idx[i] != idx[n - 1]) {
                    idx[n] = idx[i];
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
