package io.ember.spark;

import io.ember.Keys;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.EmbeddedMnist;
import io.ember.data.TargetEncoding;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;
import io.ember.step.BatchGradient;
import io.ember.step.StepCoordinates;
import io.ember.train.Networks;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tree aggregation gives the flat sum (to float tolerance), the same bits on every run. */
class TreeSumTest {
    @Test
    void twoLevelsSumLikeOneAndDeterministically() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        NetworkSpec spec = Networks.of(Keys.parse(Settings.of("layers", "16:relu")), 784, 10);
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> blocks = new ArrayList<>();
        var digits = EmbeddedMnist.train(1200);
        for (int p = 0; p < 6; p++) {
            blocks.add(digits.toBlock(p * 200, (p + 1) * 200, EmbeddedMnist.digits(), enc, p * 200));
        }
        JavaRDD<DataBlock> rdd = sc.parallelize(blocks, 6).persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        long[] rows = {200, 200, 200, 200, 200, 200};
        float[] p = Initializer.initialize(spec, 2);
        StepCoordinates at = new StepCoordinates(0, 1, 4, 1);
        TaskSpec task = new TaskSpec(UUID.randomUUID().toString(), spec, 1, true, "ember-vector", 1);
        float[] flat;
        float[] tree;
        float[] again;
        try (SparkGradients g = new SparkGradients(sc, rdd, rows, task, 1)) {
            flat = g.compute(p, at).gradient.clone();
        }
        try (SparkGradients g = new SparkGradients(sc, rdd, rows, task, 2)) {
            BatchGradient t = g.compute(p, at);
            assertEquals(300, t.count);
            tree = t.gradient.clone();
            again = g.compute(p, at).gradient.clone();
        }
        assertEquals(3, TreeSum.fanIn(6, 2));
        assertArrayEquals(flat, tree, 1e-4f);
        assertArrayEquals(tree, again, 0f);
        rdd.unpersist();
    }
}
