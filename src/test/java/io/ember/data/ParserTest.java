package io.ember.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParserTest {
    private final List<Object[]> rows = new ArrayList<>();
    private final RowSink sink = (label, idx, val, n) -> rows.add(new Object[] {label,
            java.util.Arrays.copyOf(idx, n), java.util.Arrays.copyOf(val, n)});

    @Test
    void libsvmReadsOneBasedSortedIndices() {
        assertNull(new LibsvmParser(0).parse("  -1 3:0.5 10:2e-1\t12:7 ", sink));
        assertEquals(-1.0, rows.get(0)[0]);
        assertArrayEquals(new int[] {2, 9, 11}, (int[]) rows.get(0)[1]);
        assertArrayEquals(new float[] {0.5f, 0.2f, 7f}, (float[]) rows.get(0)[2]);
        assertNull(new LibsvmParser(0).parse("3", sink)); // a row without features is legal
        assertTrue(LibsvmParser.skippable("   "));
        assertTrue(LibsvmParser.skippable("# comment"));
    }

    @Test
    void libsvmRefusesEveryMalformedToken() {
        LibsvmParser p = new LibsvmParser(100);
        assertEquals("label 'x' is not a number", p.parse("x 1:2", sink));
        assertEquals("label 'NaN' is not finite", p.parse("NaN 1:2", sink));
        assertEquals("token '1-2' is not index:value", p.parse("1 1-2", sink));
        assertEquals("token '3:' is not index:value", p.parse("1 3:", sink));
        assertEquals("token 'a:2': index is not an integer", p.parse("1 a:2", sink));
        assertEquals("token '0:2': index must be >= 1 (LIBSVM indices are 1-based)", p.parse("1 0:2", sink));
        assertEquals("token '-4:2': index must be >= 1 (LIBSVM indices are 1-based)", p.parse("1 -4:2", sink));
        assertEquals("token '3:1': index 3 after 5 (indices must increase)", p.parse("1 5:1 3:1", sink));
        assertEquals("token '5:2': duplicate index 5", p.parse("1 5:1 5:2", sink));
        assertEquals("token '101:1': index 101 is beyond num-features = 100", p.parse("1 101:1", sink));
        assertEquals("token '2:abc': value is not a number", p.parse("1 2:abc", sink));
        assertEquals("token '2:NaN': value is not finite", p.parse("1 2:NaN", sink));
        assertEquals("token '2:Infinity': value is not finite", p.parse("1 2:Infinity", sink));
        assertEquals("token '2:1e39': value is not finite", p.parse("1 2:1e39", sink)); // overflows float
        assertTrue(rows.isEmpty());
    }

    @Test
    void csvFindsTheLabelByNameOrIndex() {
        CsvParser byName = CsvParser.fromFirstLine("a,b,label,c", true, "label", "");
        assertEquals(3, byName.featureCount());
        assertEquals(List.of("a", "b", "c"), byName.featureNames());
        assertNull(byName.parse("1, 2 ,7,3.5", sink));
        assertEquals(7.0, rows.get(0)[0]);
        assertArrayEquals(new float[] {1f, 2f, 3.5f}, (float[]) rows.get(0)[2]);
        CsvParser byIndex = CsvParser.fromFirstLine("9,1,2", false, "0", "");
        assertNull(byIndex.parse("9,1,2", sink));
        assertEquals(9.0, rows.get(1)[0]);
    }

    @Test
    void csvRefusesBadLinesAndMissingLabelColumns() {
        CsvParser p = CsvParser.fromFirstLine("x,y,label", true, "label", "");
        assertEquals("missing column: 2 values, expected 3", p.parse("1,2", sink));
        assertEquals("extra column: 4 values, expected 3", p.parse("1,2,3,4", sink));
        assertEquals("column 1 (y): 'abc' is not a number", p.parse("1,abc,0", sink));
        assertEquals("column 0 (x): 'NaN' is not finite", p.parse("NaN,1,0", sink));
        assertEquals("column 0 (x): '' is not a number", p.parse(",1,0", sink));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvParser.fromFirstLine("x,y,target", true, "label", ""));
        assertEquals("label column 'label' is not in the header [x, y, target]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvParser.fromFirstLine("1,2", false, "5", ""));
    }

    @Test
    void rawRowsGrowSliceConcatAndPack() {
        RawRows raw = new RawRows("f", 0);
        raw.firstRowId = 100;
        for (int r = 0; r < 1000; r++) {
            raw.row(r % 3, new int[] {r % 5, 7}, new float[] {r, 1f}, 2);
        }
        assertEquals(1000, raw.rows());
        assertEquals(8, raw.width());
        RawRows a = raw.slice(0, 400);
        RawRows b = raw.slice(400, 1000);
        assertEquals(500, b.firstRowId);
        RawRows joined = RawRows.concat(List.of(a, b));
        LabelMapping labels = new LabelMapping(new double[] {0, 1, 2});
        TargetEncoding enc = TargetEncoding.classification(3, 3, io.ember.nn.Activation.parse("softmax"));
        DataBlock x = raw.pack(8, labels, enc, null, null);
        DataBlock y = joined.pack(8, labels, enc, null, null);
        assertArrayEquals(x.features(), y.features());
        assertArrayEquals(x.targets(), y.targets());
        assertEquals(100, y.firstId());
        assertEquals(999f, x.features()[999 * 8 + 999 % 5]);
        DataBlock odd = raw.pack(8, labels, enc, null, (rows, r) -> (rows.firstRowId + r) % 2 == 1);
        assertEquals(500, odd.rows());
        DataException e = assertThrows(DataException.class,
                () -> raw.pack(8, new LabelMapping(new double[] {0, 1}), TargetEncoding.classification(2, 1,
                        io.ember.nn.Activation.parse("sigmoid")), null, null));
        assertEquals("f: row 102 has label 2, which is not one of the classes [0, 1]", e.getMessage());
    }

    @Test
    void denseRowsKeptWholeArePackedWithoutACopy() {
        RawRows raw = new RawRows("images", 0).dense(3);
        raw.firstRowId = 0;
        raw.reserve(4, 3);
        for (int r = 0; r < 4; r++) {
            raw.row(r % 2, null, new float[] {r, r + 0.5f, -r}, 3);
        }
        LabelMapping labels = new LabelMapping(new double[] {0, 1});
        TargetEncoding enc = TargetEncoding.classification(2, 2, io.ember.nn.Activation.parse("softmax"));
        DataBlock whole = raw.pack(3, labels, enc, null, null);
        assertArrayEquals(new float[] {0, 0.5f, 0, 1, 1.5f, -1, 2, 2.5f, -2, 3, 3.5f, -3}, whole.features());
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0, 0, 1}, whole.targets());
        // the block holds the parsed values themselves: packing again gives the same array, no copy
        assertSame(whole.features(), raw.pack(3, labels, enc, null, null).features());
        // a filter (validation split) copies, and leaves the shared values as they were
        DataBlock odd = raw.pack(3, labels, enc, null, (rows, r) -> r % 2 == 1);
        assertArrayEquals(new float[] {1, 1.5f, -1, 3, 3.5f, -3}, odd.features());
        assertNotSame(whole.features(), odd.features());
        assertEquals(-3f, whole.features()[11]);
    }

    @Test
    void labelChecksForClassification() {
        assertNull(LabelCheck.regression().problem(0.37));
        assertTrue(LabelCheck.classification(null).problem(0.5).startsWith("label 0.5 is not a whole number"));
        LabelCheck known = LabelCheck.classification(new LabelMapping(new double[] {-1, 1}));
        assertNull(known.problem(-1));
        assertEquals("label 3 is not one of the model's classes [-1, 1]", known.problem(3));
    }

    /** Labels are doubles inside; every command prints them as the data writes them. */
    @Test
    void labelsPrintAsTheDataWritesThem() {
        assertEquals("1", LabelMapping.format(1.0));
        assertEquals("-1", LabelMapping.format(-1.0));
        assertEquals("0.5", LabelMapping.format(0.5));
        assertEquals("0", LabelMapping.format(-0.0));
        assertEquals("0.1", LabelMapping.format(0.1));
        assertEquals("12345678901", LabelMapping.format(12345678901.0));
        assertEquals("[-1, 0.5, 3]", new LabelMapping(new double[] {-1, 0.5, 3}).toString());
    }

    @Test
    void scalersStandardizeAndMinMax() {
        RawRows raw = new RawRows("f", 0);
        raw.firstRowId = 0;
        raw.row(0, new int[] {0, 1}, new float[] {1f, 10f}, 2);
        raw.row(0, new int[] {0, 1}, new float[] {3f, 10f}, 2);
        raw.row(0, new int[] {0}, new float[] {5f}, 1); // implicit zero in feature 1
        FeatureStats stats = new FeatureStats(2).add(raw, null);
        FeatureScaler std = FeatureScaler.fit("standardize", stats);
        float[] x = {3f, 0f};
        std.apply(x, 0);
        assertEquals(0f, x[0], 1e-6f);
        assertEquals((0 - 20.0 / 3) / Math.sqrt(200.0 / 3 - 400.0 / 9), x[1], 1e-5);
        FeatureScaler mm = FeatureScaler.fit("minmax", stats);
        float[] y = {5f, 5f};
        mm.apply(y, 0);
        assertArrayEquals(new float[] {1f, 0.5f}, y, 1e-6f);
    }
}
