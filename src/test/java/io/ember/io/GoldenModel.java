package io.ember.io;

import io.ember.EmberModel;
import io.ember.TestModels;
import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.model.Model;
import io.ember.nn.Initializer;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;

import java.util.List;
import java.util.Map;

/**
 * The small model behind src/test/resources/golden/model-v1 (format version 1) and model-v2
 * (version 2, with model.json's own SHA-256). Run main with a new folder name only when the format
 * version changes: the older golden files stay as they are, to prove old models still load.
 */
public final class GoldenModel {
    private GoldenModel() {
    }

    static EmberModel build() {
        NetworkSpec spec = new NetworkSpec(3, List.of(LayerSpec.of(4, "tanh"), LayerSpec.of(2, "softmax")),
                Loss.CROSS_ENTROPY);
        return TestModels.of(new Model(spec, Initializer.initialize(spec, 1), new LabelMapping(new double[] {3, 7}),
                TargetEncoding.classification(2, 2, spec.output().activation()),
                new FeatureScaler("standardize", new float[] {1f, 2f, 3f}, new float[] {0.5f, 1f, 2f}),
                Map.of("layers", "4:tanh", "seed", "1"), Map.of("note", "golden test model")));
    }

    public static void main(String[] args) throws Exception {
        build().save(args.length > 0 ? args[0] : "src/test/resources/golden/model-v" + ModelFormat.VERSION);
    }
}
