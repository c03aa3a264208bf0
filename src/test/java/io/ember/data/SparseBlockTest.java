package io.ember.data;

import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import io.ember.nn.SparseInput;
import io.ember.nn.Workspace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sparse blocks against dense blocks of the same rows: gathered rows, targets, ids, weights, sizes, errors. */
class SparseBlockTest {
    private static final int FEATURES = 60;
    private static final NetworkSpec SPEC = new NetworkSpec(FEATURES, List.of(LayerSpec.of(4, "relu"),
            LayerSpec.of(3, "softmax")), Loss.CROSS_ENTROPY);
    private static final TargetEncoding ENC = TargetEncoding.classification(3, 3, Activation.parse("softmax"));

    @Test
    void sparseChunksGatherTheSameRowsAsTheDenseBlock() {
        RawRows raw = SparseData.rows(50, FEATURES, 5, 3);
        raw.weightLast(2.5f);
        DataBlock dense = raw.pack(FEATURES, SparseData.labels(), ENC, null, null);
        DataBlock sparse = raw.packSparse(FEATURES, SparseData.labels(), ENC, null, 23);
        assertTrue(sparse.isSparse());
        assertTrue(sparse.chunkCount() > 5, "small chunks: " + sparse.chunkCount());
        assertEquals(50, sparse.rows());
        assertEquals(raw.nonZeros(), sparse.nonZeros());
        assertEquals(8 * raw.nonZeros() + 4L * (50 + sparse.chunkCount()), sparse.csrBytes());
        assertTrue(sparse.weighted());

        int[] order = new int[50];
        for (int i = 0; i < 50; i++) {
            order[i] = (i * 17) % 50; // every row, out of order, across chunks
        }
        Workspace d = new Workspace(SPEC, 50);
        Workspace s = new Workspace(SPEC, 50, true);
        dense.gather(order, 0, 50, d, true);
        sparse.gather(order, 0, 50, s, true);
        SparseInput x = s.sparseInput();
        assertEquals(50, x.rows());
        float[] rebuilt = new float[50 * FEATURES];
        for (int r = 0; r < 50; r++) {
            for (int i = x.rowStart(r); i < x.rowStart(r + 1); i++) {
                rebuilt[r * FEATURES + x.indexAt(i)] = x.valueAt(i);
            }
        }
        assertArrayEquals(java.util.Arrays.copyOf(d.input(), 50 * FEATURES), rebuilt);
        assertArrayEquals(java.util.Arrays.copyOf(d.target(), 150), java.util.Arrays.copyOf(s.target(), 150));
        assertArrayEquals(d.exampleIds(), s.exampleIds());
        assertArrayEquals(d.weights(), s.weights());
    }

    @Test
    void explicitZerosAreNotStoredAndFilteredRowsAreLeftOut() {
        RawRows raw = new RawRows("x.libsvm", 0);
        raw.firstRowId = 10;
        raw.row(1, new int[] {0, 4, 9}, new float[] {1f, 0f, 2f}, 3, 0);
        raw.row(0, new int[] {2}, new float[] {3f}, 1, 1);
        raw.row(2, new int[] {}, new float[] {}, 0, 2);
        DataBlock b = raw.packSparse(FEATURES, SparseData.labels(), ENC, (rows, r) -> r != 1,
                RawRows.MAX_CHUNK_VALUES);
        assertEquals(2, b.rows());
        assertEquals(2, b.nonZeros());
        assertArrayEquals(new float[] {1f, 2f}, b.targets(), "one class per row");
        Workspace s = new Workspace(SPEC, 2, true);
        b.gather(null, 0, 2, s, false);
        assertEquals(10, s.exampleIds()[0]);
        assertEquals(11, s.exampleIds()[1]);
        assertEquals(0, s.sparseInput().rowStart(2) - s.sparseInput().rowStart(1), "the empty row");
    }

    @Test
    void anIndexBeyondTheFeaturesNamesTheRow() {
        RawRows raw = new RawRows("x.libsvm", 0);
        raw.firstRowId = 0;
        raw.row(1, new int[] {3, 70}, new float[] {1f, 1f}, 2, 0);
        DataException e = assertThrows(DataException.class, () -> raw.packSparse(FEATURES, SparseData.labels(), ENC,
                null, RawRows.MAX_CHUNK_VALUES));
        assertTrue(e.getMessage().contains("row 0 has feature index 71 beyond the 60 features"), e.getMessage());
    }

    @Test
    void autoGoesSparseByDensityAndForcedFormsAreChecked() {
        DataSettings.InputFormat auto = DataSettings.InputFormat.AUTO;
        assertTrue(InputForm.sparse(auto, 1000, 1 << 18, 50_000, false, "d"));
        assertFalse(InputForm.sparse(auto, 1000, 1 << 18, 50_000, true, "d"), "scaling keeps rows dense");
        assertFalse(InputForm.sparse(auto, 1000, 784, 150_000, false, "d"), "MNIST's density (19%) stays dense");
        assertFalse(InputForm.sparse(DataSettings.InputFormat.DENSE, 1000, 1 << 18, 50_000, false, "d"));
        assertTrue(InputForm.sparse(DataSettings.InputFormat.SPARSE, 1000, 784, 150_000, false, "d"));
        DataException e = assertThrows(DataException.class, () -> InputForm.sparse(DataSettings.InputFormat.SPARSE,
                1000, 10, 9_000, false, "training data x.csv"));
        assertTrue(e.getMessage().startsWith("training data x.csv is dense: 90.0% of its values are non-zero"),
                e.getMessage());
        assertTrue(e.getMessage().contains("set input-format = dense or auto"), e.getMessage());
    }
}
