package io.ember.spark;

import io.ember.Keys;
import io.ember.config.Settings;
import io.ember.data.RawRows;
import io.ember.data.SparseData;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sparse training blocks cached by Spark take about what their CSR arrays take (Spark's own size
 * estimate), and a partition whose values exceed one array is packed in pieces joined as chunks.
 */
class SparseCacheTest {
    @Test
    void theCacheStaysWithinOnePointTwoTimesTheCsrArrays() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        RawRows a = SparseData.rows(3_000, 1 << 18, 40, 1);
        RawRows b = SparseData.rows(3_000, 1 << 18, 40, 2);
        b.splitStart = 1;
        PreparedData data = DataPipeline.prepare(sc, Keys.parse(Settings.of("layers", "8:relu", "partitions", "2",
                "num-features", String.valueOf(1 << 18))), sc.parallelize(List.of(a, b), 2), null, null);
        try {
            assertTrue(data.sparse, "auto chose sparse blocks");
            assertEquals(a.nonZeros() + b.nonZeros(), data.nonZeros);
            long cached = data.cachedBytes();
            double ratio = cached / (double) data.csrBytes;
            assertTrue(ratio >= 1.0 && ratio <= 1.2, "cached " + cached + " bytes for " + data.csrBytes
                    + " bytes of CSR arrays: " + ratio);
            assertTrue(data.sparseSummary().contains("non-zeros per row"), data.sparseSummary());
        } finally {
            data.unpersist();
        }
    }

    @Test
    void aPartitionBeyondOneArrayIsPackedInPiecesAsChunksOfOneBlock() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        int features = 500;
        java.util.List<RawRows> pieces = new java.util.ArrayList<>();
        for (int q = 0; q < 3; q++) {
            RawRows r = SparseData.rows(40, features, 8, 10 + q).withFirstRowId(40L * q);
            r.splitStart = q;
            pieces.add(r);
        }
        io.ember.data.TargetEncoding enc = io.ember.data.TargetEncoding.classification(3, 3,
                io.ember.nn.Activation.parse("softmax"));
        io.ember.data.LabelMapping labels = SparseData.labels();
        long maxValues = 200; // a piece of 20 to 40 rows holds about 160 to 320 values
        RowRanges ranges = new RowRanges(sc.parallelize(pieces, 3).rdd(), new long[] {0, 40, 80},
                new int[] {40, 40, 40}, 2, maxValues);
        java.util.List<io.ember.data.DataBlock> blocks = org.apache.spark.api.java.JavaRDD.fromRDD(ranges,
                scala.reflect.ClassTag$.MODULE$.apply(RawRows.class)).mapPartitions(it -> DataPipeline.packPartition(
                it, true, features, labels, enc, null, null)).collect();
        assertEquals(2, blocks.size());
        io.ember.data.DataBlock joined = blocks.get(0);
        assertEquals(60, joined.rows());
        assertTrue(joined.chunkCount() >= 2, "chunks: " + joined.chunkCount());
        io.ember.data.DataBlock expected = RawRows.concat(java.util.List.of(pieces.get(0), pieces.get(1).slice(0, 20)))
                .packSparse(features, labels, enc, null, RawRows.MAX_CHUNK_VALUES);
        io.ember.nn.NetworkSpec spec = new io.ember.nn.NetworkSpec(features, java.util.List.of(
                io.ember.nn.LayerSpec.of(3, "softmax")), io.ember.nn.Loss.CROSS_ENTROPY);
        io.ember.nn.Workspace a = new io.ember.nn.Workspace(spec, 60, true);
        io.ember.nn.Workspace b = new io.ember.nn.Workspace(spec, 60, true);
        joined.gather(null, 0, 60, a, true);
        expected.gather(null, 0, 60, b, true);
        assertEquals(b.sparseInput().nonZeros(), a.sparseInput().nonZeros());
        for (int i = 0; i < a.sparseInput().nonZeros(); i++) {
            assertEquals(b.sparseInput().indexAt(i), a.sparseInput().indexAt(i));
            assertEquals(b.sparseInput().valueAt(i), a.sparseInput().valueAt(i));
        }
        for (int r = 0; r <= 60; r++) {
            assertEquals(b.sparseInput().rowStart(r), a.sparseInput().rowStart(r));
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(b.target(), a.target());
        org.junit.jupiter.api.Assertions.assertArrayEquals(b.exampleIds(), a.exampleIds());
    }
}
