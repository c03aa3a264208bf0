package io.ember;

import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.model.Model;
import io.ember.nn.Initializer;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import io.ember.train.SteadyStateAllocation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Predicting one row through the public model: the one predictor path, allocation-free once warm. */
class EmberModelTest {
    private static EmberModel model() {
        NetworkSpec spec = new NetworkSpec(784, List.of(LayerSpec.of(64, "relu"), LayerSpec.of(10, "softmax")),
                Loss.CROSS_ENTROPY);
        float[] offset = new float[784];
        float[] scale = new float[784];
        java.util.Arrays.fill(scale, 2f);
        return TestModels.of(new Model(spec, Initializer.initialize(spec, 3), new LabelMapping(new double[] {0, 1, 2, 3, 4, 5,
                6, 7, 8, 9}), TargetEncoding.classification(10, 10, spec.output().activation()),
                new FeatureScaler("minmax", offset, scale), Map.of(), Map.of()));
    }

    @Test
    void oneRowAgreesWithTheBatchedPredictor() {
        EmberModel m = model();
        float[] x = new float[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 17) / 17f;
        }
        var p = m.newPredictor();
        System.arraycopy(x, 0, p.input(), 0, 784);
        float[] batched = java.util.Arrays.copyOf(p.predict(1), 10);
        assertArrayEquals(batched, m.predict(x), 0f);
        float[] out = new float[10];
        m.predict(x, out);
        assertArrayEquals(batched, out, 0f);
        int best = 0;
        for (int k = 1; k < 10; k++) {
            best = batched[k] > batched[best] ? k : best;
        }
        assertEquals(best, m.predictLabel(x));
    }

    @Tag("allocation")
    @Test
    void predictingOneRowAllocatesNothingOnceWarm() {
        EmberModel m = model();
        float[] x = new float[784];
        float[] out = new float[10];
        double[] sink = new double[1];
        long allocated = SteadyStateAllocation.lastRound(() -> {
            for (int i = 0; i < 1000; i++) {
                x[i % 784] = i / 1000f;
                sink[0] += m.predictLabel(x);
                m.predict(x, out);
            }
        }, new long[0], 0);
        assertEquals(0, allocated, () -> "bytes allocated by 1000 predictions; "
                + SteadyStateAllocation.vectorKernelTiers());
    }
}
