package io.ember.step;

import io.ember.Keys;
import io.ember.config.Settings;
import io.ember.linalg.Blas;
import io.ember.nn.NetworkSpec;
import io.ember.train.Networks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe times a whole step with every backend it is given; which is faster is not asserted. */
class BackendProbeTest {
    @Test
    void theCandidatesAreTheBackendsThatLoadAndEachGetsAStepTime() {
        List<String> c = BackendProbe.candidates();
        assertEquals(Blas.vectorApiAvailable(), c.contains("ember-vector"));
        assertEquals(Blas.nativeAvailable(), c.contains("netlib-native"));
        assertEquals(!c.contains("ember-vector") && !c.contains("netlib-native"), c.contains("netlib-java"));
        NetworkSpec spec = Networks.of(Keys.parse(Settings.of("layers", "16:relu")), 60, 3);
        io.ember.data.TargetEncoding enc = io.ember.data.TargetEncoding.classification(3, 3,
                spec.output().activation());
        io.ember.data.RawRows raw = io.ember.data.SparseData.rows(100, 60, 5, 7);
        // a dense block and the same rows as a sparse one, timed at 2 steps per epoch: 50 rows a step
        for (io.ember.data.DataBlock block : List.of(raw.pack(60, io.ember.data.SparseData.labels(), enc, null, null),
                raw.packSparse(60, io.ember.data.SparseData.labels(), enc, null, 1000))) {
            double[] ms = BackendProbe.stepMillis(spec, block, 2, 2, List.of("netlib-java", "ember-vector"), 0.5);
            assertEquals(2, ms.length);
            for (double m : ms) {
                assertTrue(m > 0 && Double.isFinite(m), java.util.Arrays.toString(ms));
            }
        }
    }

    @Test
    void theProbeGoesOnWhileABackendIsStillGettingFasterAsTheJitCompilesIt() {
        List<Double> nativeSteps = List.of(40.0, 41.0, 40.5, 40.2, 41.0, 40.9, 40.1, 40.3);
        List<Double> warming = List.of(300.0, 200.0, 90.0, 60.0, 40.0, 30.0, 26.0, 25.0);
        List<Double> warmed = List.of(300.0, 200.0, 25.0, 26.0, 25.5, 25.2, 26.0, 25.9);
        assertFalse(BackendProbe.steady(List.of(nativeSteps, warming)));
        assertTrue(BackendProbe.steady(List.of(nativeSteps, warmed)));
        assertTrue(BackendProbe.steady(List.of(nativeSteps)));
        assertFalse(BackendProbe.steady(List.of(List.of(40.0, 41.0, 40.5, 40.2))), "too few steps to tell");
    }
}
