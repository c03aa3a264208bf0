package io.ember.spark;

import io.ember.Keys;
import io.ember.config.Config;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;
import io.ember.data.TargetEncoding;
import io.ember.linalg.Blas;
import io.ember.nn.NetworkSpec;
import io.ember.step.BackendProbe;
import io.ember.train.Networks;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code blas = auto} decides on the whole step at the run's shapes: the decision rule on given
 * times, and a real probe job whose chosen backend is the fastest of those it measured, recorded in
 * the model's facts. No assertion on how long anything took.
 */
class BackendChoiceTest {
    private static final Examples DIGITS = EmbeddedMnist.train(600);
    private static final List<String> NAMES = BackendChoice.NAMES;
    private static JavaRDD<DataBlock> rdd;
    private static PreparedData data;

    @BeforeAll
    static void cache() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        NetworkSpec spec = Networks.of(Keys.parse(Settings.of("layers", "32:relu")), 784, 10);
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> blocks = List.of(DIGITS.toBlock(0, 400, EmbeddedMnist.digits(), enc, 0),
                DIGITS.toBlock(400, 600, EmbeddedMnist.digits(), enc, 400));
        rdd = sc.parallelize(blocks, 2).persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        data = new PreparedData(rdd, new long[] {400, 200}, null, 0, spec, EmbeddedMnist.digits(), enc, null,
                List.of());
    }

    @AfterAll
    static void release() {
        rdd.unpersist();
    }

    @Test
    void aStepWaitsForItsSlowestPartitionSoTheBackendWithTheFastestSlowestPartitionWins() {
        double nan = Double.NaN;
        // native is faster on partition 0 but much slower on partition 1; netlib-java loads nowhere
        double[][] times = {{20, 15, nan}, {22, 40, nan}, {}};
        Map<String, Double> slowest = BackendChoice.slowestPerBackend(NAMES, times);
        assertEquals(Map.of("ember-vector", 22.0, "netlib-native", 40.0), slowest);
        assertEquals("ember-vector", BackendChoice.fastest(slowest));
        // a backend missing on one executor is not a candidate, however fast elsewhere
        Map<String, Double> partly = BackendChoice.slowestPerBackend(NAMES, new double[][] {{30, 5, nan}, {31, nan, nan}});
        assertEquals(Map.of("ember-vector", 31.0), partly);
        assertEquals("netlib-native", BackendChoice.fastest(BackendChoice.slowestPerBackend(NAMES,
                new double[][] {{30, 12, nan}, {31, 14, nan}})));
        assertEquals("netlib-java", BackendChoice.fastest(Map.of()), "measured nowhere: the backend that loads anywhere");
        // the JIT-compiled kernel keeps the choice unless another backend is more than 10% faster
        assertEquals("ember-vector", BackendChoice.fastest(Map.of("ember-vector", 10.0, "netlib-native", 9.2)));
        assertEquals("netlib-native", BackendChoice.fastest(Map.of("ember-vector", 10.0, "netlib-native", 8.9)));
    }

    @Test
    void theLineSaysWhatWasMeasuredAndWhy() {
        Map<String, Double> close = new java.util.LinkedHashMap<>();
        close.put("ember-vector", 10.0);
        close.put("netlib-native", 9.5);
        assertEquals("BLAS ember-vector: step 10.0 ms vs netlib-native 9.5 ms at 500 rows x 2 threads (kept: "
                        + "ember-vector gives way only to a backend over 10% faster; measured in 1.5 s)",
                new BackendChoice("ember-vector", "measured", close, 500, 2, 1.5).line());
        assertEquals("BLAS netlib-native: step 8.0 ms vs ember-vector 10.0 ms at 500 rows x 2 threads (measured in "
                        + "1.5 s)", new BackendChoice("netlib-native", "measured",
                Map.of("ember-vector", 10.0, "netlib-native", 8.0), 500, 2, 1.5).line());
        assertEquals("BLAS netlib-java: no backend loads on every executor, so the pure-Java one (measured in 1.5 s)",
                new BackendChoice("netlib-java", "measured", Map.of(), 500, 2, 1.5).line());
    }

    @Test
    void autoMeasuresEveryBackendThatLoadsAndChoosesTheFastestOfThem() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        Config config = Keys.parse(Settings.of("layers", "32:relu", "batch-size", "200", "epochs", "1"));
        BackendChoice choice = BackendChoice.resolve(sc, config, data, 2);
        assertTrue(choice.measured());
        assertEquals(BackendProbe.candidates(), List.copyOf(choice.stepMillis().keySet()),
                "every backend this JVM loads is measured");
        assertEquals(BackendChoice.fastest(choice.stepMillis()), choice.backend(), choice.line());
        choice.stepMillis().values().forEach(ms -> assertTrue(ms > 0 && Double.isFinite(ms), choice.line()));
        // 3 steps per epoch of 200; the larger partition's slice is 134 rows, 67 per thread
        assertEquals(67, choice.rowsPerThread());
        assertEquals(2, choice.threads());
        assertTrue(choice.line().startsWith("BLAS " + choice.backend() + ": step "), choice.line());
        assertTrue(choice.line().contains(" at 67 rows x 2 threads"), choice.line());
        for (String other : choice.stepMillis().keySet()) {
            assertTrue(choice.line().contains(other), choice.line());
        }

        SparkTrainer.Outcome outcome = SparkTrainer.fit(sc, config, data, choice, null, null, null);
        Map<String, Object> facts = outcome.model().facts();
        assertEquals(Blas.gemm(choice.backend()).name(), facts.get("blas"));
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) facts.get("blas_choice");
        assertEquals("measured", recorded.get("how"));
        assertEquals(choice.backend(), recorded.get("backend"));
        @SuppressWarnings("unchecked")
        Map<String, Double> recordedMs = (Map<String, Double>) recorded.get("step_ms");
        assertEquals(choice.stepMillis().keySet(), recordedMs.keySet());
        choice.stepMillis().forEach((k, v) -> assertEquals(v, recordedMs.get(k), 0.005, k));
        assertEquals(67, recorded.get("rows_per_thread"));
    }

    @Test
    void aConfiguredOrPinnedBackendIsUsedAsGivenWithoutMeasuring() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        BackendChoice given = BackendChoice.resolve(sc, Keys.parse(Settings.of("blas", "netlib-java")), data, 2);
        assertEquals("netlib-java", given.backend());
        assertFalse(given.measured());
        assertTrue(given.stepMillis().isEmpty());
        assertEquals(Map.of("backend", "netlib-java", "how", "configured"), given.facts());
        BackendChoice pinned = BackendChoice.resolve(sc, Keys.parse(Settings.of("deterministic", "true")), data, 2);
        assertEquals(Blas.fixedBackend(), pinned.backend());
        assertEquals("deterministic", pinned.how());
        assertTrue(pinned.line().contains("deterministic"), pinned.line());
    }
}
