package io.ember.spark;

import com.holdenkarau.spark.testing.JavaRDDComparisons;
import io.ember.Keys;
import io.ember.config.Config;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.DataException;
import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;
import io.ember.data.RawRows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading LIBSVM, CSV, IDX files and DataFrames on real local Spark, and every bad-input message. */
class SparkDataTest {
    @TempDir
    Path dir;

    private static Config config(String... kv) {
        return Keys.parse(Settings.of(kv));
    }

    /** All rows of prepared training data as "label|v0 v1 ..." strings (features and targets). */
    private static JavaRDD<String> rowsOf(JavaRDD<DataBlock> blocks) {
        return blocks.flatMap(b -> {
            List<String> out = new ArrayList<>();
            for (int r = 0; r < b.rows(); r++) {
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < b.targetCount(); k++) {
                    sb.append(b.targets()[r * b.targetCount() + k]).append(' ');
                }
                sb.append('|');
                for (int j = 0; j < b.featureCount(); j++) {
                    float v = b.features()[r * b.featureCount() + j];
                    if (v != 0f) {
                        sb.append(j).append(':').append(v).append(' ');
                    }
                }
                out.add(sb.toString());
            }
            return out.iterator();
        });
    }

    private static PreparedData prepare(JavaSparkContext sc, Config c, JavaRDD<RawRows> raw) {
        return DataPipeline.prepare(sc, c, raw, null, null);
    }

    @Test
    void libsvmMatchesMllibsOwnReader() {
        JavaSparkContext sc = SparkTests.sc();
        Path file = TestFiles.mnistLibsvm(dir, 300);
        Config c = config("data", file.toString(), "num-features", "784");
        PreparedData ours = prepare(sc, c, DataReader.read(sc, file.toString(), c, 2, DataReader.labelCheck(c, null)));
        Dataset<Row> mllib = SparkTests.spark().read().format("libsvm").option("numFeatures", "784").load(file.toString());
        PreparedData theirs = prepare(sc, c, RawSources.dataFrame(mllib, "label", "features", DataReader.labelCheck(c, null)));
        assertEquals(300, ours.trainCount());
        JavaRDDComparisons.assertRDDEquals(rowsOf(theirs.train), rowsOf(ours.train));
        ours.unpersist();
        theirs.unpersist();
    }

    @Test
    void idxTrainingDataIsReadInTheTrainingPartitionsAndOtherDataOnEveryCore() {
        JavaSparkContext sc = SparkTests.sc();
        Config one = config("data", EmbeddedMnist.TRAIN);
        Config three = config("data", EmbeddedMnist.TRAIN, "partitions", "3");
        // local[2] has one executor: one training partition unless configured, whose block takes the read pixels
        assertEquals(1, DataReader.readTraining(sc, EmbeddedMnist.TRAIN, one, DataReader.labelCheck(one, null))
                .getNumPartitions());
        assertEquals(3, DataReader.readTraining(sc, EmbeddedMnist.TRAIN, three, DataReader.labelCheck(three, null))
                .getNumPartitions());
        // validation, test and scoring reads keep every core parsing
        assertEquals(2, DataReader.read(sc, EmbeddedMnist.TRAIN, one, sc.defaultParallelism(),
                DataReader.labelCheck(one, null)).getNumPartitions());
        // CSV training data is parsed on every core too
        Path csv = TestFiles.mnistCsv(dir, 50);
        Config c = config("data", csv.toString(), "label-column", "digit");
        assertTrue(DataReader.readTraining(sc, csv.toString(), c, DataReader.labelCheck(c, null)).getNumPartitions()
                >= 2);
    }

    @Test
    void csvIdxDataFrameAndLabeledPointsGiveTheSameRows() {
        JavaSparkContext sc = SparkTests.sc();
        Path csv = TestFiles.mnistCsv(dir, 200);
        Config cc = config("data", csv.toString(), "label-column", "digit");
        PreparedData fromCsv = prepare(sc, cc, DataReader.read(sc, csv.toString(), cc, 2, DataReader.labelCheck(cc, null)));

        String idx = Files.exists(Path.of(EmbeddedMnist.TRAIN)) ? EmbeddedMnist.TRAIN : null;
        Config ci = config("data", idx);
        // IDX: all 15,000 embedded digits; compare the first 200 with the CSV (same digits)
        PreparedData fromIdx = prepare(sc, ci, DataReader.read(sc, idx, ci, 3, DataReader.labelCheck(ci, null)));
        assertEquals(15_000, fromIdx.trainCount());
        List<String> csvRows = rowsOf(fromCsv.train).collect();
        List<String> idxRows = rowsOf(fromIdx.train).take(200);
        assertEquals(csvRows, idxRows);

        Examples ex = EmbeddedMnist.train(200);
        List<LabeledPoint> points = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            double[] v = new double[784];
            for (int j = 0; j < 784; j++) {
                v[j] = ex.features()[r * 784 + j];
            }
            points.add(new LabeledPoint(ex.labels()[r], org.apache.spark.ml.linalg.Vectors.dense(v)));
        }
        JavaRDD<LabeledPoint> rdd = sc.parallelize(points, 4);
        PreparedData fromPoints = prepare(sc, cc, RawSources.labeledPoints(rdd, DataReader.labelCheck(cc, null)));
        assertEquals(csvRows, rowsOf(fromPoints.train).collect());
        fromCsv.unpersist();
        fromIdx.unpersist();
        fromPoints.unpersist();
    }

    @Test
    void badLinesAreReportedWithFileAndLineEvenInLaterSplits() {
        JavaSparkContext sc = SparkTests.sc();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add((i % 2) + " 1:" + i + " 2:0.5");
        }
        lines.set(1700, "1 1:0.5 2:NaN");
        Path file = TestFiles.write(dir.resolve("bad.libsvm"), lines);
        Config c = config("data", file.toString());
        // 4 splits: line 1701 sits in the last one
        DataException e = assertThrows(DataException.class, () -> prepare(sc, c,
                DataReader.read(sc, file.toString(), c, 4, DataReader.labelCheck(c, null))));
        assertEquals("file:" + file + ":1701: token '2:NaN': value is not finite; fix the input or set "
                + "skip-bad-rows = true to skip bad rows", e.getMessage());
    }

    @Test
    void everyKindOfBadInputHasItsMessage() {
        JavaSparkContext sc = SparkTests.sc();
        String[][] cases = {
                {"a.libsvm", "1 1:1\n0 3:1 2:1\n", ":2: token '2:1': index 2 after 3 (indices must increase)"},
                {"b.libsvm", "1 1:1\n0 0:1\n", ":2: token '0:1': index must be >= 1"},
                {"c.libsvm", "1 1:1\n0 1:1 1:2\n", ":2: token '1:2': duplicate index 1"},
                {"d.libsvm", "1 1:1\n0.5 1:1\n", ":2: label 0.5 is not a whole number"},
                {"e.libsvm", "1 1:1\n0 1:abc\n", ":2: token '1:abc': value is not a number"},
                {"f.csv", "x,label\n1,0\n2,1,3\n", ":3: extra column: 3 values, expected 2"},
                {"g.csv", "x,y,label\n1,2,0\n2,1\n", ":3: missing column: 2 values, expected 3"},
        };
        for (String[] c : cases) {
            Path f = TestFiles.write(dir.resolve(c[0]), List.of(c[1].split("\n")));
            Config cfg = config("data", f.toString());
            DataException e = assertThrows(DataException.class,
                    () -> prepare(sc, cfg, DataReader.read(sc, f.toString(), cfg, 1, DataReader.labelCheck(cfg, null))),
                    c[0]);
            assertTrue(e.getMessage().startsWith("file:" + f + c[2]), e.getMessage());
        }
        Path wide = TestFiles.write(dir.resolve("wide.libsvm"), List.of("1 1:1", "0 9:1"));
        Config declared = config("data", wide.toString(), "num-features", "5");
        DataException e = assertThrows(DataException.class, () -> prepare(sc, declared,
                DataReader.read(sc, wide.toString(), declared, 1, DataReader.labelCheck(declared, null))));
        assertTrue(e.getMessage().contains(":2: token '9:1': index 9 is beyond num-features = 5"), e.getMessage());
        Path noLabel = TestFiles.write(dir.resolve("nolabel.csv"), List.of("x,y", "1,2"));
        Config csv = config("data", noLabel.toString());
        e = assertThrows(DataException.class, () -> DataReader.read(sc, noLabel.toString(), csv, 1,
                DataReader.labelCheck(csv, null)));
        assertTrue(e.getMessage().contains("label column 'label' is not in the header [x, y]"), e.getMessage());
    }

    @Test
    void emptyAndTooSmallDataSets() {
        JavaSparkContext sc = SparkTests.sc();
        Path empty = TestFiles.write(dir.resolve("empty.libsvm"), List.of("# nothing here", ""));
        Config c = config("data", empty.toString());
        DataException e = assertThrows(DataException.class, () -> prepare(sc, c,
                DataReader.read(sc, empty.toString(), c, 1, DataReader.labelCheck(c, null))));
        assertEquals("training data " + empty + ": no examples", e.getMessage());
        Path three = TestFiles.write(dir.resolve("three.libsvm"), List.of("0 1:1", "1 1:2", "0 1:3"));
        Config many = config("data", three.toString(), "partitions", "8");
        e = assertThrows(DataException.class, () -> prepare(sc, many,
                DataReader.read(sc, three.toString(), many, 1, DataReader.labelCheck(many, null))));
        assertEquals("only 3 examples for 8 partitions: lower 'partitions' to at most 3", e.getMessage());
        Path single = TestFiles.write(dir.resolve("single.libsvm"), List.of("1 1:1", "1 1:2"));
        Config one = config("data", single.toString(), "partitions", "1");
        e = assertThrows(DataException.class, () -> prepare(sc, one,
                DataReader.read(sc, single.toString(), one, 1, DataReader.labelCheck(one, null))));
        assertTrue(e.getMessage().contains("a single class [1]"), e.getMessage());
    }

    @Test
    void skipBadRowsSkipsAndReportsWhere() {
        JavaSparkContext sc = SparkTests.sc();
        Path f = TestFiles.write(dir.resolve("some-bad.libsvm"), List.of("0 1:1", "1 1:x", "0 1:2", "1 2:1 1:1",
                "1 1:3", "0 1:4"));
        Config c = config("data", f.toString(), "skip-bad-rows", "true", "partitions", "2");
        ParsedData parsed = ParsedData.check(DataReader.read(sc, f.toString(), c, 1, DataReader.labelCheck(c, null)),
                true, "x");
        assertEquals(2, parsed.skippedCount());
        assertEquals(4, parsed.count());
        assertEquals(List.of("file:" + f + ":2: token '1:x': value is not a number",
                "file:" + f + ":4: token '1:1': index 1 after 2 (indices must increase)"), parsed.skipped());
        parsed.unpersist();
    }

    @Test
    void partitionsAreBalancedDeterministicallyAndTheValidationSplitIsSeeded() {
        JavaSparkContext sc = SparkTests.sc();
        Path file = TestFiles.mnistLibsvm(dir, 1000);
        Config c = config("data", file.toString(), "partitions", "3", "validation-fraction", "0.2", "seed", "4");
        PreparedData a = prepare(sc, c, DataReader.read(sc, file.toString(), c, 1, DataReader.labelCheck(c, null)));
        PreparedData b = prepare(sc, c, DataReader.read(sc, file.toString(), c, 5, DataReader.labelCheck(c, null)));
        assertEquals(3, a.train.getNumPartitions());
        long total = a.trainCount() + a.validationRows;
        assertEquals(1000, total);
        assertEquals(200, a.validationRows, 40);
        assertArrayEquals(a.trainRows, b.trainRows);
        assertEquals(a.train.collect().stream().map(blk -> java.util.Arrays.hashCode(blk.features())).toList(),
                b.train.collect().stream().map(blk -> java.util.Arrays.hashCode(blk.features())).toList(),
                "same blocks whatever the input splits");
        long max = java.util.Arrays.stream(a.trainRows).max().orElseThrow();
        long min = java.util.Arrays.stream(a.trainRows).min().orElseThrow();
        assertTrue(max - min <= 0.1 * max + 10, java.util.Arrays.toString(a.trainRows));
        a.unpersist();
        b.unpersist();
    }

    @Test
    void dataFramesNeedTheirColumns() {
        Dataset<Row> df = SparkTests.spark().read().format("libsvm").option("numFeatures", "784")
                .load(TestFiles.mnistLibsvm(dir, 10).toString());
        DataException e = assertThrows(DataException.class, () -> RawSources.dataFrame(df, "target", "features",
                io.ember.data.LabelCheck.regression()));
        assertEquals("DataFrame has no column 'target'; its columns are [label, features]", e.getMessage());
        Vector v = df.first().getAs("features");
        assertEquals(784, v.size());
    }
}
