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

/** Sparse training blocks cached by Spark take about what their CSR arrays take (Spark's own size estimate). */
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
}
